// Mutated, truncated and random datagrams: none may crash the server, none that fails
// authentication may be answered, and a valid request must still be accepted afterwards.

import { createSocket } from 'node:dgram';

import { afterEach, describe, expect, it } from 'vitest';
import { prng } from '../support/prng.js';

import { Attr, Code } from '../../src/server/codec/index.js';
import {
  createPacketHandler,
  createRadiusServer,
  type ClientRecord,
  type RadiusServer,
} from '../../src/server/index.js';
import { buildRequest } from './packets.js';
import { createStubAuthenticate, GOOD_PASSWORD, GOOD_UPN } from './stub-engine.js';

const SECRET = 'fuzz-secret';
const clients: ClientRecord[] = [
  { name: 'strict', address: '127.0.0.0/8', secret: SECRET, messageAuthenticator: 'require' },
  { name: 'lax', address: '10.0.0.1', secret: SECRET, messageAuthenticator: 'off' },
];
const strict = { address: '127.0.0.1', port: 50000 };
const lax = { address: '10.0.0.1', port: 50000 };

const bases = [
  buildRequest({
    secret: SECRET,
    userName: GOOD_UPN,
    password: GOOD_PASSWORD,
    identifier: 1,
    authenticator: Buffer.alloc(16, 1),
  }),
  buildRequest({
    secret: SECRET,
    code: Code.statusServer,
    identifier: 1,
    authenticator: Buffer.alloc(16, 2),
  }),
  buildRequest({
    secret: SECRET,
    userName: 'CONTOSO\\helga',
    password: 'x'.repeat(122) + '021131',
    identifier: 1,
    authenticator: Buffer.alloc(16, 3),
    messageAuthenticatorLast: true,
    extra: [{ type: Attr.nasIdentifier, value: Buffer.from('vpn') }],
  }),
];

function mutate(random: () => number): Buffer {
  const int = (n: number) => Math.floor(random() * n);
  const base = bases[int(bases.length)]!;
  const packet = Buffer.from(base);
  switch (int(7)) {
    case 0:
      for (let i = 0, n = 1 + int(4); i < n; i++) packet[int(packet.length)] = int(256);
      return packet;
    case 1:
      return packet.subarray(0, int(packet.length));
    case 2:
      packet.writeUInt16BE(int(5000), 2);
      return packet;
    case 3: {
      // Corrupt one attribute length octet.
      packet[20 + int(packet.length - 21)] = int(256);
      packet[21] = int(256);
      return packet;
    }
    case 4:
      return Buffer.from(Array.from({ length: int(300) }, () => int(256)));
    case 5: {
      const extra = Buffer.from(Array.from({ length: 2 + int(40) }, () => int(256)));
      const grown = Buffer.concat([packet, extra]);
      if (random() < 0.5) grown.writeUInt16BE(grown.length, 2);
      return grown;
    }
    default: {
      const random32 = Buffer.from(Array.from({ length: 20 + int(60) }, () => int(256)));
      random32[0] = random() < 0.5 ? Code.accessRequest : Code.statusServer;
      random32.writeUInt16BE(random32.length, 2);
      return random32;
    }
  }
}

/** Whether a datagram is, up to its Length field, one of the authentic packets. */
function isAuthentic(packet: Buffer): boolean {
  if (packet.length < 20) return false;
  const length = packet.readUInt16BE(2);
  return length <= packet.length && bases.some((base) => base.equals(packet.subarray(0, length)));
}

let server: RadiusServer | null = null;

afterEach(async () => {
  await server?.stop();
  server = null;
});

describe('fuzzing', () => {
  it('answers no mutated packet that fails authentication, through handlePacket', async () => {
    const random = prng(20250101);
    const { authenticate } = createStubAuthenticate();
    const handler = createPacketHandler({ clients: () => clients, authenticate, now: Date.now });
    let answered = 0;
    let strictAnswers = 0;
    for (let i = 0; i < 5000; i++) {
      const packet = mutate(random);
      const source = { address: i % 2 ? strict.address : lax.address, port: 1000 + (i % 500) };
      const response = await handler.handlePacket(packet, source);
      if (response === null) continue;
      answered++;
      expect([Code.accessAccept, Code.accessReject]).toContain(response[0]);
      expect(response[20]).toBe(Attr.messageAuthenticator);
      if (source.address === strict.address) {
        strictAnswers++;
        expect(isAuthentic(packet), packet.toString('hex')).toBe(true);
      }
    }
    expect(answered).toBeGreaterThan(strictAnswers);
    expect(strictAnswers).toBeGreaterThan(0);
    const fresh = buildRequest({
      secret: SECRET,
      userName: GOOD_UPN,
      password: GOOD_PASSWORD,
      identifier: 2,
    });
    expect((await handler.handlePacket(fresh, strict))?.[0]).toBe(Code.accessAccept);
  });

  it('keeps answering valid requests after thousands of bad datagrams on the socket', async () => {
    const random = prng(7);
    const { authenticate } = createStubAuthenticate();
    server = createRadiusServer({
      host: '127.0.0.1',
      port: 0,
      clients: () => clients,
      authenticate,
      now: Date.now,
    });
    const { port } = await server.start();
    const socket = createSocket('udp4');
    const replies: Buffer[] = [];
    socket.on('message', (message) => replies.push(message));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    let sent = 0;
    while (sent < 3000) {
      const packet = mutate(random);
      if (isAuthentic(packet)) continue;
      socket.send(packet, port, '127.0.0.1');
      if (++sent % 200 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(replies).toHaveLength(0);
    const fresh = buildRequest({
      secret: SECRET,
      userName: GOOD_UPN,
      password: GOOD_PASSWORD,
      identifier: 3,
      authenticator: Buffer.alloc(16, 0x33),
    });
    socket.send(fresh, port, '127.0.0.1');
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.close();
    expect(replies.map((reply) => reply[0])).toEqual([Code.accessAccept]);
    expect(server.figures()[0]?.drops).toBeGreaterThan(1000);
  });
});
