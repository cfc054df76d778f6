import { createSocket } from 'node:dgram';

import { afterEach, describe, expect, it } from 'vitest';

import { Code } from '../../src/server/codec/index.js';
import type { ClientRecord, PacketOutcome } from '../../src/server/index.js';
import {
  createThreadedRadiusServer,
  type ThreadedRadiusServer,
} from '../../src/server/threaded-radius-server.js';
import type { CodeDecision } from '../../src/engine/types.js';
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

const servers: ThreadedRadiusServer[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

interface Setup {
  clients?: () => ClientRecord[];
  authenticate?: (request: { upn: string; password: string }) => Promise<CodeDecision>;
  port?: number;
}

async function start(setup: Setup = {}) {
  const stub = createStubAuthenticate();
  const outcomes: PacketOutcome[] = [];
  const server = createThreadedRadiusServer({
    host: '127.0.0.1',
    port: setup.port ?? 0,
    clients: setup.clients ?? (() => [loopback]),
    authenticate: setup.authenticate ?? stub.authenticate,
    now: () => Date.now(),
    userNames: { netbios: { CONTOSO: 'contoso.com' } },
    onOutcome: (outcome) => outcomes.push(outcome),
  });
  servers.push(server);
  const { port } = await server.start();
  return { server, port, calls: stub.calls, outcomes };
}

function pap(user: string, password: string): string {
  return `User-Name = "${user.replaceAll('\\', '\\\\')}", User-Password = "${password}"`;
}

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

const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RADIUS server on its own thread, with the real radclient', () => {
  it('asks the main thread to decide, and reports outcomes and figures there', async () => {
    const { server, port, calls, outcomes } = await start();
    const good = await radclient(
      port,
      'auth',
      SECRET,
      pap(`CONTOSO\\helga`, GOOD_PASSWORD) + WITH_MA,
    );
    const bad = await radclient(port, 'auth', SECRET, pap(GOOD_UPN, 'wrong1234') + WITH_MA);

    expect(good.stdout).toContain('Received Access-Accept');
    expect(bad.stdout).toContain('Received Access-Reject');
    expect(calls.map((call) => [call.upn, call.password, call.nasName])).toEqual([
      [GOOD_UPN, GOOD_PASSWORD, 'lo'],
      [GOOD_UPN, 'wrong1234', 'lo'],
    ]);
    await settle();
    expect(outcomes.map((outcome) => [outcome.kind, outcome.code])).toEqual([
      ['accept', 'ACCEPTED'],
      ['reject', 'WRONG_CODE'],
    ]);
    expect(server.figures()).toEqual([
      expect.objectContaining({ name: 'lo', requests: 2, accepts: 1, rejects: 1 }),
    ]);
  });

  it('answers a retransmission byte for byte without a second decision', async () => {
    const { port, calls } = await start();
    const packet = buildRequest({ secret: SECRET, userName: GOOD_UPN, password: GOOD_PASSWORD });
    const replies = await exchange(port, [packet, packet]);
    expect(replies).toHaveLength(2);
    expect(replies[0]?.[0]).toBe(Code.accessAccept);
    expect(replies[0]?.equals(replies[1]!)).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('knows a client added while it runs from its first packet on', async () => {
    let clients: ClientRecord[] = [];
    const { server, port } = await start({ clients: () => clients });
    const packet = buildRequest({ secret: SECRET, userName: GOOD_UPN, password: GOOD_PASSWORD });
    expect(await exchange(port, [packet], 200)).toHaveLength(0);
    await settle(100);
    expect(server.unknownSourceDrops()).toBe(1);

    clients = [loopback];
    server.configChanged();
    const again = buildRequest({ secret: SECRET, userName: GOOD_UPN, password: GOOD_PASSWORD });
    expect((await exchange(port, [again], 200))[0]?.[0]).toBe(Code.accessAccept);
  });

  it('gives no answer when the engine fails, and verifies the retry afresh', async () => {
    let isFailing = true;
    const stub = createStubAuthenticate();
    const { port, outcomes } = await start({
      authenticate: async (request) => {
        if (isFailing) throw new Error('database is closed');
        return stub.authenticate({ ...request, nasName: 'lo', nasAddress: '127.0.0.1' });
      },
    });
    const packet = buildRequest({ secret: SECRET, userName: GOOD_UPN, password: GOOD_PASSWORD });
    expect(await exchange(port, [packet], 200)).toHaveLength(0);
    await settle(100);
    expect(outcomes[0]).toMatchObject({ kind: 'drop', code: 'ENGINE_ERROR' });

    isFailing = false;
    expect((await exchange(port, [packet], 200))[0]?.[0]).toBe(Code.accessAccept);
  });

  it('fails to start with the cause of a port already taken', async () => {
    const { port } = await start();
    const second = createThreadedRadiusServer({
      host: '127.0.0.1',
      port,
      clients: () => [loopback],
      authenticate: createStubAuthenticate().authenticate,
      now: () => Date.now(),
    });
    await expect(second.start()).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('frees its port when stopped', async () => {
    const { server, port } = await start();
    await server.stop();
    servers.splice(0);
    const { port: again } = await start({ port });
    expect(again).toBe(port);
  });
});
