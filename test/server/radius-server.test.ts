import { createSocket } from 'node:dgram';

import { afterEach, describe, expect, it } from 'vitest';

import { Code } from '../../src/server/codec/index.js';
import {
  createRadiusServer,
  type ClientRecord,
  type PacketOutcome,
  type RadiusServer,
} from '../../src/server/index.js';
import { buildRequest } from './packets.js';
import { radclient, WITH_MA } from './radclient.js';
import { createStubAuthenticate, GOOD_PASSWORD, GOOD_UPN } from './stub-engine.js';

const SECRET = 'loopback-secret';
const loopback: ClientRecord = {
  name: 'lo',
  address: '127.0.0.0/8',
  secret: Buffer.from(SECRET),
  messageAuthenticator: 'require',
};

let server: RadiusServer | null = null;

afterEach(async () => {
  await server?.stop();
  server = null;
});

async function start(clients: ClientRecord[] = [loopback]) {
  const stub = createStubAuthenticate();
  const outcomes: PacketOutcome[] = [];
  server = createRadiusServer({
    host: '127.0.0.1',
    port: 0,
    clients: () => clients,
    authenticate: stub.authenticate,
    now: () => Date.now(),
    userNames: { netbios: { CONTOSO: 'contoso.com' } },
    onOutcome: (outcome) => outcomes.push(outcome),
  });
  const { port } = await server.start();
  return { port, calls: stub.calls, outcomes };
}

function pap(user: string, password: string): string {
  return `User-Name = "${user.replaceAll('\\', '\\\\')}", User-Password = "${password}"`;
}

/** Sends raw datagrams from one socket (one source port) and collects what comes back. */
async function exchange(port: number, packets: Buffer[], waitMs = 300): Promise<Buffer[]> {
  const socket = createSocket('udp4');
  const received: Buffer[] = [];
  socket.on('message', (message) => received.push(message));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  for (const packet of packets) socket.send(packet, port, '127.0.0.1');
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  socket.close();
  return received;
}

describe('RADIUS server with the real radclient', () => {
  it('accepts the right password', async () => {
    const { port, calls } = await start();
    const result = await radclient(port, 'auth', SECRET, pap(GOOD_UPN, GOOD_PASSWORD) + WITH_MA);
    expect(result.stdout).toContain('Received Access-Accept');
    expect(result.exitCode).toBe(0);
    expect(calls).toHaveLength(1);
    expect(server?.figures()[0]).toMatchObject({ accepts: 1, sendsMessageAuthenticator: true });
  });

  it('rejects a wrong password with a generic Reply-Message', async () => {
    const { port, outcomes } = await start();
    const result = await radclient(port, 'auth', SECRET, pap(GOOD_UPN, 'wrong1234') + WITH_MA);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('Received Access-Reject');
    expect(result.stdout).toContain('Reply-Message = "Authentication failed"');
    expect(outcomes[0]).toMatchObject({ kind: 'reject', code: 'WRONG_CODE' });
  });

  it('gives an unknown client no answer and counts it', async () => {
    const elsewhere = { ...loopback, address: '192.0.2.0/24' };
    const { port } = await start([elsewhere]);
    const result = await radclient(port, 'auth', SECRET, pap(GOOD_UPN, GOOD_PASSWORD) + WITH_MA);
    expect(result.exitCode).toBe(1);
    expect(result.stdout + result.stderr).toContain('No reply');
    expect(server?.unknownSourceDrops()).toBeGreaterThanOrEqual(1);
  });

  it('ignores a request without Message-Authenticator from a require client', async () => {
    const { port, calls } = await start();
    const result = await radclient(port, 'auth', SECRET, pap(GOOD_UPN, GOOD_PASSWORD));
    expect(result.exitCode).toBe(1);
    expect(result.stdout + result.stderr).toContain('No reply');
    expect(calls).toHaveLength(0);
    expect(server?.figures()[0]).toMatchObject({ sendsMessageAuthenticator: false });
  });

  it('answers Status-Server', async () => {
    const { port } = await start();
    const result = await radclient(port, 'status', SECRET, 'Message-Authenticator = 0x00');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Received Access-Accept');
  });

  it('decodes a 128-byte password and maps DOMAIN\\name', async () => {
    const { port, calls } = await start();
    const long = 'x'.repeat(122) + '021131';
    const result = await radclient(port, 'auth', SECRET, pap('CONTOSO\\Helga', long) + WITH_MA);
    expect(result.exitCode).toBe(1);
    expect(calls).toEqual([
      { upn: GOOD_UPN, password: long, nasName: 'lo', nasAddress: '127.0.0.1' },
    ]);
  });

  it('answers a retransmission byte for byte without verifying it again', async () => {
    const { port, calls } = await start();
    const packet = buildRequest({ secret: SECRET, userName: GOOD_UPN, password: GOOD_PASSWORD });
    const replies = await exchange(port, [packet, packet]);
    expect(replies).toHaveLength(2);
    expect(replies[0]?.[0]).toBe(Code.accessAccept);
    expect(replies[0]?.equals(replies[1]!)).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('answers on an IPv6 socket and on a host given by name', async () => {
    const v6: ClientRecord = { ...loopback, name: 'v6', address: '::1' };
    const packet = buildRequest({ secret: SECRET, userName: GOOD_UPN, password: GOOD_PASSWORD });
    for (const [host, type] of [
      ['::1', 'udp6'],
      ['localhost', 'udp4'],
    ] as const) {
      const stub = createStubAuthenticate();
      server = createRadiusServer({
        host,
        port: 0,
        clients: () => [loopback, v6],
        authenticate: stub.authenticate,
        now: () => Date.now(),
      });
      const { port } = await server.start();
      const socket = createSocket(type);
      const answered = new Promise<Buffer>((resolve) => socket.once('message', resolve));
      const local = type === 'udp6' ? '::1' : '127.0.0.1';
      await new Promise<void>((resolve) => socket.bind(0, local, resolve));
      socket.send(packet, port, local);
      expect((await answered)[0], host).toBe(Code.accessAccept);
      socket.close();
      await server.stop();
    }
  });
});
