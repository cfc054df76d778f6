// How the packet handler answers when the engine is slow, fails or throws, when a client's
// secret changes, and what its outcomes hold: the cases its fast paths must not get wrong.

import { describe, expect, it } from 'vitest';

import type { CodeDecision } from '../../src/engine/types.js';
import { Attr, Code } from '../../src/server/codec/index.js';
import {
  createPacketHandler,
  type ClientRecord,
  type PacketOutcome,
  type PacketHandlerOptions,
} from '../../src/server/index.js';
import { buildRequest, radiusLibrary } from './packets.js';
import { createStubAuthenticate, GOOD_PASSWORD, GOOD_UPN } from './stub-engine.js';

const SECRET = 'nas-secret';
const NOW = 1_735_689_600_000;
const vpn = { address: '10.1.9.9', port: 40000 };
const good = buildRequest({ secret: SECRET, userName: GOOD_UPN, password: GOOD_PASSWORD });

function client(secret: string | Buffer): ClientRecord {
  return { name: 'vpn', address: '10.1.0.0/16', secret, messageAuthenticator: 'require' };
}

function setup(overrides: Partial<PacketHandlerOptions> = {}) {
  const stub = createStubAuthenticate();
  const outcomes: PacketOutcome[] = [];
  let at = NOW;
  const handler = createPacketHandler({
    clients: () => [client(SECRET)],
    authenticate: stub.authenticate,
    now: () => at,
    onOutcome: (outcome) => outcomes.push(outcome),
    ...overrides,
  });
  return { handler, outcomes, calls: stub.calls, setNow: (now: number) => (at = now) };
}

/** An engine that decides only when told to, and counts how often it was asked. */
function gatedEngine() {
  let open: (decision: CodeDecision | Error) => void = () => undefined;
  const gate = new Promise<CodeDecision | Error>((resolve) => (open = resolve));
  const engine = {
    calls: 0,
    open,
    authenticate: async (): Promise<CodeDecision> => {
      engine.calls++;
      const decision = await gate;
      if (decision instanceof Error) throw decision;
      return decision;
    },
  };
  return engine;
}

describe('packet handler outcomes', () => {
  it('reports every field of an accept, and of its retransmission at its own time', async () => {
    const { handler, outcomes, setNow } = setup();
    const first = await handler.handlePacket(good, vpn);
    setNow(NOW + 1500);
    const again = await handler.handlePacket(Buffer.from(good), vpn);
    expect(again?.equals(first!)).toBe(true);
    const accept = {
      at: NOW,
      client: 'vpn',
      address: vpn.address,
      port: vpn.port,
      upn: GOOD_UPN,
      isRetransmission: false,
      kind: 'accept',
      code: 'ACCEPTED',
      reason: 'code accepted',
    };
    expect(outcomes).toEqual([accept, { ...accept, at: NOW + 1500, isRetransmission: true }]);
    expect(handler.figures()[0]).toMatchObject({ requests: 2, accepts: 1 });
  });

  it('reports a reject decided by the server with the mapped UPN', async () => {
    const { handler, outcomes } = setup();
    const bare = buildRequest({ secret: SECRET, userName: GOOD_UPN, password: 'a\u0000b' });
    expect((await handler.handlePacket(bare, vpn))?.[0]).toBe(Code.accessReject);
    expect(outcomes).toEqual([
      {
        at: NOW,
        client: 'vpn',
        address: vpn.address,
        port: vpn.port,
        upn: GOOD_UPN,
        isRetransmission: false,
        kind: 'reject',
        code: 'PASSWORD_MALFORMED',
        reason: 'User-Password contains a NUL octet',
      },
    ]);
  });
});

describe('packet handler passwords', () => {
  it('hands ASCII and other UTF-8 passwords to the engine as the same text', async () => {
    const { handler, calls } = setup();
    const passwords = ['plain-021131', 'tab\there', 'P\u00e4sswort-\u20ac-021131', '\u{1f511}1'];
    for (const [i, password] of passwords.entries()) {
      const packet = buildRequest({ secret: SECRET, userName: GOOD_UPN, password, identifier: i });
      await handler.handlePacket(packet, vpn);
    }
    expect(calls.map((call) => call.password)).toEqual(passwords);
  });

  it('rejects a password that is not UTF-8 without asking the engine', async () => {
    const { handler, outcomes, calls } = setup();
    const password = Buffer.from([0x61, 0xff, 0x62]);
    const packet = buildRequest({ secret: SECRET, userName: GOOD_UPN, password });
    expect((await handler.handlePacket(packet, vpn))?.[0]).toBe(Code.accessReject);
    expect(outcomes[0]).toMatchObject({ code: 'PASSWORD_NOT_UTF8', upn: GOOD_UPN });
    expect(calls).toHaveLength(0);
  });
});

describe('packet handler when the engine is slow or fails', () => {
  it('gives a copy waiting on a failing engine no answer, and verifies the retry', async () => {
    const engine = gatedEngine();
    const { handler, outcomes } = setup({ authenticate: engine.authenticate });
    const first = handler.handlePacket(good, vpn);
    const second = handler.handlePacket(Buffer.from(good), vpn);
    engine.open(new Error('store unavailable'));
    expect(await Promise.all([first, second])).toEqual([null, null]);
    expect(outcomes.map((o) => [o.code, o.isRetransmission])).toEqual([
      ['ENGINE_ERROR', false],
      ['ENGINE_ERROR', true],
    ]);
    expect(handler.figures()[0]).toMatchObject({ requests: 2, drops: 1 });
    await handler.handlePacket(Buffer.from(good), vpn);
    expect(engine.calls).toBe(2);
  });

  it('answers every copy that arrived while the engine was deciding, the same bytes', async () => {
    const engine = gatedEngine();
    const { handler, outcomes } = setup({ authenticate: engine.authenticate });
    const copies = [0, 1, 2].map(() => handler.handlePacket(Buffer.from(good), vpn));
    engine.open({ isAccepted: false, code: 'WRONG_CODE', reason: 'code does not match' });
    const [a, b, c] = await Promise.all(copies);
    expect(a?.[0]).toBe(Code.accessReject);
    expect(a?.equals(b!) && a.equals(c!)).toBe(true);
    expect(engine.calls).toBe(1);
    expect(outcomes.map((o) => o.isRetransmission)).toEqual([false, true, true]);
  });

  it('drops, without crashing, when the engine throws instead of rejecting', async () => {
    const authenticate = (): Promise<CodeDecision> => {
      throw new Error('not even a promise');
    };
    const { handler, outcomes } = setup({ authenticate });
    expect(await handler.handlePacket(good, vpn)).toBeNull();
    expect(outcomes[0]).toMatchObject({ kind: 'drop', code: 'ENGINE_ERROR', upn: null });
  });

  it('drops a request whose answer cannot be encoded, and forgets it', async () => {
    const { handler, outcomes } = setup();
    // Proxy-States the reject must echo: the request fits in 4096 octets, the reject does not.
    const extra = Array.from({ length: 17 }, (_, i) => ({
      type: Attr.proxyState,
      value: Buffer.alloc(i < 16 ? 250 : 8, 7),
    }));
    const proxied = buildRequest({ secret: SECRET, extra });
    expect(proxied.length).toBeLessThanOrEqual(4096);
    expect(await handler.handlePacket(proxied, vpn)).toBeNull();
    expect(outcomes[0]).toMatchObject({ kind: 'drop', code: 'ENGINE_ERROR' });
    expect(await handler.handlePacket(Buffer.from(proxied), vpn)).toBeNull();
    expect(outcomes[1]).toMatchObject({ code: 'ENGINE_ERROR', isRetransmission: false });
  });
});

describe('packet handler when a client secret changes', () => {
  it('checks and signs with the new secret, never with the old one', async () => {
    let records = [client(SECRET)];
    const { handler, outcomes } = setup({ clients: () => records });
    expect((await handler.handlePacket(good, vpn))?.[0]).toBe(Code.accessAccept);
    records = [client('new-secret')];
    const old = buildRequest({ secret: SECRET, userName: GOOD_UPN, password: GOOD_PASSWORD });
    expect(await handler.handlePacket(old, { ...vpn, port: 2 })).toBeNull();
    expect(outcomes[1]).toMatchObject({ code: 'BAD_MESSAGE_AUTHENTICATOR' });
    const fresh = buildRequest({
      secret: 'new-secret',
      userName: GOOD_UPN,
      password: GOOD_PASSWORD,
      identifier: 9,
    });
    const response = await handler.handlePacket(fresh, { ...vpn, port: 3 });
    expect(response?.[0]).toBe(Code.accessAccept);
    expect(
      radiusLibrary.verify_response({ request: fresh, response: response!, secret: 'new-secret' }),
    ).toBe(true);
  });

  it('does not keep the padded-key state of a secret Buffer changed in place', async () => {
    const secret = Buffer.from('secret-one');
    let records = [client(secret)];
    const { handler } = setup({ clients: () => records });
    const one = buildRequest({ secret: 'secret-one', userName: GOOD_UPN, password: GOOD_PASSWORD });
    expect((await handler.handlePacket(one, vpn))?.[0]).toBe(Code.accessAccept);
    secret.write('secret-two');
    records = [client(secret)];
    const two = buildRequest({
      secret: 'secret-two',
      userName: GOOD_UPN,
      password: GOOD_PASSWORD,
      identifier: 9,
    });
    const response = await handler.handlePacket(two, { ...vpn, port: 2 });
    expect(response?.[0]).toBe(Code.accessAccept);
    expect(
      radiusLibrary.verify_response({ request: two, response: response!, secret: 'secret-two' }),
    ).toBe(true);
  });
});
