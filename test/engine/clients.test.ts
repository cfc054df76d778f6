import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientService } from '../../src/engine/clients/client-service.js';
import { Engine } from '../../src/engine/engine.js';
import { silentLogger } from '../../src/engine/logger.js';
import { ClientTable } from '../../src/server/client-table.js';

let engine: Engine | null = null;
afterEach(async () => {
  const dir = engine?.context.dataDir;
  await engine?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function service(): Promise<ClientService> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oathdesk-clients-'));
  engine = await Engine.open({
    dataDir,
    logger: silentLogger(),
    env: {},
    runsBackgroundJobs: false,
  });
  return new ClientService(engine.context);
}

const client = (name: string, address: string) => ({
  name,
  address,
  secret: 'a-long-shared-secret',
  messageAuthenticator: 'require',
});

describe('RADIUS clients', () => {
  it('stores the address in canonical form', async () => {
    const clients = await service();
    const added = await clients.add(client('vpn6', '2001:0DB8:0000::0001/128'), 'test');
    expect(added.address).toBe('2001:db8::1');
    await clients.add(client('mapped', '::FFFF:C000:0200/120'), 'test');
    expect(clients.list().map((entry) => entry.address)).toEqual(['192.0.2.0/24', '2001:db8::1']);
  });

  it('refuses another spelling of a network a client has, naming both', async () => {
    const clients = await service();
    await clients.add(client('site', '2001:db8:0:0::/64'), 'test');
    await expect(clients.add(client('other', '2001:DB8::/64'), 'test')).rejects.toMatchObject({
      code: 'CLIENT_ADDRESS_TAKEN',
      message: "client 'site' already has 2001:db8::/64",
    });
    await clients.add(client('nas', '192.0.2.9'), 'test');
    await expect(clients.add(client('nas2', '::ffff:192.0.2.9'), 'test')).rejects.toMatchObject({
      code: 'CLIENT_ADDRESS_TAKEN',
      message: "client 'nas' already has 192.0.2.9",
    });
  });

  it('keeps matching clients stored as typed before addresses were normalised', async () => {
    const clients = await service();
    const context = engine!.context;
    const stored = [
      ['hostbits', '192.0.2.9/24'],
      ['upper', '2001:DB8::5/64'],
      ['mapped', '::ffff:198.51.100.7'],
      ['zone', 'fe80::1%eth0'],
    ];
    await context.store.write((tx) => {
      for (const [name, address] of stored) {
        const secret = context.box.seal(Buffer.from('a-long-shared-secret'), 'radius-client');
        tx.run(
          `INSERT INTO clients (name, address, secret, message_authenticator, created_at)
           VALUES (?, ?, ?, 'require', 0)`,
          [name!, address!, secret],
        );
      }
    });

    expect(clients.list().map((entry) => [entry.name, entry.address])).toEqual([
      ['hostbits', '192.0.2.0/24'],
      ['mapped', '198.51.100.7'],
      ['upper', '2001:db8::/64'],
      ['zone', 'fe80::1%eth0'],
    ]);
    const table = new ClientTable(clients.listWithSecrets());
    expect(table.invalid).toEqual([]);
    expect(table.match('192.0.2.200')?.name).toBe('hostbits');
    expect(table.match('::ffff:192.0.2.1')?.name).toBe('hostbits');
    expect(table.match('192.0.3.1')).toBeNull();
    expect(table.match('2001:db8::ffff')?.name).toBe('upper');
    expect(table.match('198.51.100.7')?.name).toBe('mapped');
    expect(table.match('fe80::1')?.name).toBe('zone');

    await expect(clients.add(client('again', '192.0.2.0/24'), 'test')).rejects.toMatchObject({
      code: 'CLIENT_ADDRESS_TAKEN',
      message: "client 'hostbits' already has 192.0.2.0/24",
    });
  });

  it('refuses a second client for the same address, naming the first', async () => {
    const clients = await service();
    await clients.add(client('vpn1', '127.0.0.1'), 'test');
    await expect(clients.add(client('vpn2', '127.0.0.1/32'), 'test')).rejects.toMatchObject({
      code: 'CLIENT_ADDRESS_TAKEN',
      message: expect.stringContaining('vpn1'),
    });
  });

  it('accepts a narrower block inside a wider one', async () => {
    const clients = await service();
    await clients.add(client('office', '192.0.2.0/24'), 'test');
    await clients.add(client('firewall', '192.0.2.1'), 'test');
    expect(clients.list().map((entry) => entry.name)).toEqual(['firewall', 'office']);
  });

  it('never lists a shared secret', async () => {
    const clients = await service();
    await clients.add(client('vpn1', '127.0.0.1'), 'test');
    expect(JSON.stringify(clients.list())).not.toContain('a-long-shared-secret');
  });
});
