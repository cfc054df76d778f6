import { describe, expect, it } from 'vitest';

import type { CodeDecision } from '../../src/engine/types.js';
import { Attr, Code, decodeRequest } from '../../src/server/codec/index.js';
import {
  createPacketHandler,
  type ClientRecord,
  type PacketOutcome,
  type PacketHandlerOptions,
} from '../../src/server/index.js';
import { buildRequest, radiusLibrary } from './packets.js';
import { createStubAuthenticate, GOOD_PASSWORD, GOOD_UPN } from './stub-engine.js';

const SECRET = 'nas-secret';
const clients: ClientRecord[] = [
  { name: 'vpn', address: '10.1.0.0/16', secret: SECRET, messageAuthenticator: 'require' },
  { name: 'switch', address: '10.1.2.3', secret: 'switch-secret', messageAuthenticator: 'off' },
  { name: 'v6', address: '2001:db8::1', secret: SECRET, messageAuthenticator: 'require' },
];
const vpn = { address: '10.1.9.9', port: 40000 };

function setup(overrides: Partial<PacketHandlerOptions> = {}) {
  const stub = createStubAuthenticate();
  const outcomes: PacketOutcome[] = [];
  const handler = createPacketHandler({
    clients: () => clients,
    authenticate: stub.authenticate,
    now: () => 1_735_689_600_000,
    userNames: { netbios: { CONTOSO: 'contoso.com' } },
    onOutcome: (outcome) => outcomes.push(outcome),
    ...overrides,
  });
  return { handler, outcomes, calls: stub.calls };
}

const good = buildRequest({ secret: SECRET, userName: GOOD_UPN, password: GOOD_PASSWORD });

describe('handlePacket', () => {
  it('accepts the right password and reports the accept', async () => {
    const { handler, outcomes, calls } = setup();
    const response = await handler.handlePacket(good, vpn);
    expect(response?.[0]).toBe(Code.accessAccept);
    expect(
      radiusLibrary.verify_response({ request: good, response: response!, secret: SECRET }),
    ).toBe(true);
    expect(calls).toEqual([
      { upn: GOOD_UPN, password: GOOD_PASSWORD, nasName: 'vpn', nasAddress: '10.1.9.9' },
    ]);
    expect(outcomes[0]).toMatchObject({ kind: 'accept', code: 'ACCEPTED', client: 'vpn' });
    expect(handler.figures()[0]).toMatchObject({ requests: 1, accepts: 1 });
  });

  it('rejects with a generic Reply-Message and reports the precise reason', async () => {
    const { handler, outcomes } = setup();
    const wrong = buildRequest({ secret: SECRET, userName: GOOD_UPN, password: 'nope123456' });
    const response = await handler.handlePacket(wrong, vpn);
    const parsed = radiusLibrary.decode({ packet: response!, secret: SECRET });
    expect(parsed.code).toBe('Access-Reject');
    expect(parsed.raw_attributes.map(([type]) => type)).toEqual([
      Attr.messageAuthenticator,
      Attr.replyMessage,
    ]);
    expect(parsed.attributes['Reply-Message']).toBe('Authentication failed');
    expect(outcomes[0]).toMatchObject({ kind: 'reject', code: 'WRONG_CODE', upn: GOOD_UPN });
  });

  it('drops datagrams from unknown addresses silently and counts them', async () => {
    const { handler, outcomes, calls } = setup();
    expect(await handler.handlePacket(good, { address: '192.0.2.1', port: 1 })).toBeNull();
    expect(handler.unknownSourceDrops()).toBe(1);
    expect(outcomes[0]).toMatchObject({ kind: 'drop', code: 'UNKNOWN_CLIENT', client: null });
    expect(calls).toHaveLength(0);
  });

  it('drops a request without Message-Authenticator from a client that requires one', async () => {
    const { handler, outcomes } = setup();
    const bare = buildRequest({
      secret: SECRET,
      userName: GOOD_UPN,
      password: GOOD_PASSWORD,
      withMessageAuthenticator: false,
    });
    expect(await handler.handlePacket(bare, vpn)).toBeNull();
    expect(outcomes[0]).toMatchObject({ kind: 'drop', code: 'MISSING_MESSAGE_AUTHENTICATOR' });
    expect(handler.figures()[0]).toMatchObject({ drops: 1, sendsMessageAuthenticator: false });
  });

  it('answers an off-mode client without Message-Authenticator, adding one', async () => {
    const { handler } = setup();
    const bare = buildRequest({
      secret: 'switch-secret',
      userName: GOOD_UPN,
      password: GOOD_PASSWORD,
      withMessageAuthenticator: false,
    });
    const response = await handler.handlePacket(bare, { address: '10.1.2.3', port: 5 });
    expect(response?.[0]).toBe(Code.accessAccept);
    expect(response?.[20]).toBe(Attr.messageAuthenticator);
  });

  it('picks the most specific client block and matches exact IPv6 in any spelling', async () => {
    const { handler } = setup();
    const forSwitch = buildRequest({ secret: 'switch-secret', userName: GOOD_UPN, password: 'x' });
    expect(await handler.handlePacket(forSwitch, { address: '10.1.2.3', port: 5 })).not.toBeNull();
    expect(await handler.handlePacket(forSwitch, vpn)).toBeNull();
    const v6 = { address: '2001:0db8:0:0::0001', port: 9 };
    expect((await handler.handlePacket(good, v6))?.[0]).toBe(Code.accessAccept);
    const mapped = { address: '::ffff:10.1.9.9', port: 9 };
    expect((await handler.handlePacket(good, mapped))?.[0]).toBe(Code.accessAccept);
  });

  it('refuses CHAP, MS-CHAP and EAP as not supported without asking the engine', async () => {
    const { handler, outcomes, calls } = setup();
    const chap = buildRequest({
      secret: SECRET,
      userName: GOOD_UPN,
      extra: [{ type: Attr.chapPassword, value: Buffer.alloc(17) }],
    });
    expect((await handler.handlePacket(chap, vpn))?.[0]).toBe(Code.accessReject);
    expect(outcomes[0]).toMatchObject({ code: 'METHOD_NOT_SUPPORTED' });
    expect(calls).toHaveLength(0);
  });

  it('passes a 128-octet password whole to the engine', async () => {
    const { handler, calls } = setup();
    const long = 'x'.repeat(122) + '021131';
    const packet = buildRequest({ secret: SECRET, userName: 'CONTOSO\\helga', password: long });
    await handler.handlePacket(packet, vpn);
    expect(calls[0]).toMatchObject({ upn: GOOD_UPN, password: long });
  });

  it('rejects an oversize User-Password cleanly without asking the engine', async () => {
    const { handler, outcomes, calls } = setup();
    const packet = buildRequest({ secret: SECRET, userName: GOOD_UPN, password: 'x'.repeat(129) });
    expect((await handler.handlePacket(packet, vpn))?.[0]).toBe(Code.accessReject);
    expect(outcomes[0]).toMatchObject({ code: 'PASSWORD_TOO_LONG' });
    expect(calls).toHaveLength(0);
  });

  it('answers Status-Server with Access-Accept and does not count it as a sign-in', async () => {
    const { handler, outcomes } = setup();
    const status = buildRequest({ secret: SECRET, code: Code.statusServer });
    const response = await handler.handlePacket(status, vpn);
    expect(response?.[0]).toBe(Code.accessAccept);
    expect(outcomes[0]).toMatchObject({ kind: 'status' });
    expect(handler.figures()[0]).toMatchObject({ requests: 1, accepts: 0 });
  });

  it('verifies a retransmission sent while the first copy is pending only once', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const authenticate = async (): Promise<CodeDecision> => {
      calls++;
      await gate;
      return { isAccepted: true, code: 'ACCEPTED', reason: 'ok' };
    };
    const { handler, outcomes } = setup({ authenticate });
    const first = handler.handlePacket(good, vpn);
    const second = handler.handlePacket(Buffer.from(good), vpn);
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(a?.equals(b!)).toBe(true);
    expect(calls).toBe(1);
    expect(outcomes.map((o) => o.isRetransmission)).toEqual([false, true]);
    expect(handler.figures()[0]).toMatchObject({ requests: 2, accepts: 1 });
  });

  it('drops a different packet that reuses a cached Identifier and authenticator', async () => {
    const { handler, outcomes } = setup();
    await handler.handlePacket(good, vpn);
    const other = buildRequest({ secret: SECRET, userName: GOOD_UPN, password: 'other' });
    expect(decodeRequest(other, Buffer.from(SECRET)).ok).toBe(true);
    expect(await handler.handlePacket(other, vpn)).toBeNull();
    expect(outcomes[1]).toMatchObject({ code: 'AUTHENTICATOR_REUSED' });
  });

  it('drops when the engine fails and verifies the retry afresh', async () => {
    let calls = 0;
    const authenticate = async (): Promise<CodeDecision> => {
      calls++;
      if (calls === 1) throw new Error('store unavailable');
      return { isAccepted: true, code: 'ACCEPTED', reason: 'ok' };
    };
    const { handler, outcomes } = setup({ authenticate });
    expect(await handler.handlePacket(good, vpn)).toBeNull();
    expect(outcomes[0]).toMatchObject({ kind: 'drop', code: 'ENGINE_ERROR' });
    expect((await handler.handlePacket(good, vpn))?.[0]).toBe(Code.accessAccept);
  });

  it('applies a User-Name mapping changed while it runs', async () => {
    let mapping = {};
    const { handler, calls } = setup({ userNames: () => mapping });
    const netbios = buildRequest({ secret: SECRET, userName: 'CONTOSO\\helga', password: 'x' });
    await handler.handlePacket(netbios, vpn);
    expect(calls).toHaveLength(0);
    mapping = { netbios: { CONTOSO: 'contoso.com' } };
    await handler.handlePacket(Buffer.from(netbios), { ...vpn, port: vpn.port + 1 });
    expect(calls[0]).toMatchObject({ upn: GOOD_UPN });
  });

  it('survives an outcome listener that throws', async () => {
    const { handler } = setup({
      onOutcome: () => {
        throw new Error('listener bug');
      },
    });
    expect((await handler.handlePacket(good, vpn))?.[0]).toBe(Code.accessAccept);
  });
});
