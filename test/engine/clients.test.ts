import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientService, networkKey } from '../../src/engine/clients/client-service.js';
import { Engine } from '../../src/engine/engine.js';
import { silentLogger } from '../../src/engine/logger.js';

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
  it('names one network the same however it is written', () => {
    expect(networkKey('192.0.2.9/24')).toBe(networkKey('192.0.2.0/24'));
    expect(networkKey('192.0.2.9')).toBe(networkKey('192.0.2.9/32'));
    expect(networkKey('192.0.2.9')).not.toBe(networkKey('192.0.2.0/24'));
    expect(networkKey('::ffff:192.0.2.9')).toBe(networkKey('192.0.2.9'));
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
