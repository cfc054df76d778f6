// Seeded RADIUS fuzzing against the running `oathdesk serve`: 100,000 mutated and random
// datagrams (OATHDESK_FUZZ_PACKETS) from a known client. None may be answered (each fails
// authentication), the server must not crash, and a valid request must be accepted afterwards.
// test/server/fuzz.test.ts does the same in process, through handlePacket.
import { createSocket } from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startServer, tempDataDir } from '../support/cli.js';
import { envCount, prng, randomInt, type Random } from '../support/prng.js';
import { accessRequest, ACCESS_ACCEPT, RadiusUdpClient } from '../support/radius-udp.js';
import { codeAt, prepareSignInTenant } from '../support/sign-in-tenant.js';

const PACKETS = envCount('OATHDESK_FUZZ_PACKETS', 100_000);
const SEED = envCount('OATHDESK_FUZZ_SEED', 5150);
/** Datagrams sent every 10 ms: about 20,000 a second, which the server keeps up with. */
const BURST = 200;

const root = tempDataDir('oathdesk-radius-fuzz-');
const dataDir = path.join(root, 'data');
fs.mkdirSync(dataDir);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function mutate(bases: Buffer[], random: Random): Buffer {
  const int = (n: number) => randomInt(random, n);
  const packet = Buffer.from(bases[int(bases.length)] as Buffer);
  switch (int(6)) {
    case 0:
      for (let i = 0, n = 1 + int(4); i < n; i++) packet[int(packet.length)] = int(256);
      return packet;
    case 1:
      return packet.subarray(0, int(packet.length));
    case 2:
      packet.writeUInt16BE(int(5000), 2);
      return packet;
    case 3:
      packet[20 + int(packet.length - 20)] = int(256);
      return packet;
    case 4:
      return Buffer.concat([
        packet,
        Buffer.from(Array.from({ length: 1 + int(60) }, () => int(256))),
      ]);
    default: {
      const junk = Buffer.from(Array.from({ length: int(200) }, () => int(256)));
      if (junk.length >= 4) junk.writeUInt16BE(junk.length, 2);
      return junk;
    }
  }
}

/** Whether a datagram is, up to its Length field, one of the authentic packets. */
function isAuthentic(bases: Buffer[], packet: Buffer): boolean {
  if (packet.length < 20) return false;
  const length = packet.readUInt16BE(2);
  return length <= packet.length && bases.some((base) => base.equals(packet.subarray(0, length)));
}

describe('RADIUS fuzzing against oathdesk serve', () => {
  it('answers none of 100,000 mangled datagrams and still accepts a valid request', async () => {
    const tenant = await prepareSignInTenant(dataDir, 2);
    const [user, other] = tenant.users as [(typeof tenant.users)[0], (typeof tenant.users)[0]];
    const server = await startServer(dataDir);
    const socket = createSocket('udp4');
    const replies: Buffer[] = [];
    socket.on('message', (message) => replies.push(message));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const random = prng(SEED);
    const bases = [
      accessRequest(tenant.clientSecret, 1, user.upn, '123456', Buffer.alloc(16, 1)),
      accessRequest(tenant.clientSecret, 2, 'CONTOSO\\x', 'p'.repeat(120), Buffer.alloc(16, 2)),
    ];

    const started = performance.now();
    try {
      let sent = 0;
      while (sent < PACKETS) {
        for (let i = 0; i < BURST && sent < PACKETS;) {
          const packet = mutate(bases, random);
          if (isAuthentic(bases, packet)) continue;
          socket.send(packet, server.port, '127.0.0.1');
          sent++;
          i++;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      const seconds = (performance.now() - started) / 1000;

      const nas = await RadiusUdpClient.open(tenant.clientSecret);
      const answer = await nas.signIn(server.port, other.upn, codeAt(other.key, Date.now()));
      nas.close();
      const listed = await runCli(dataDir, ['clients', '--json']);
      const drops = (JSON.parse(listed.stdout) as { drops: number }[])[0]?.drops ?? 0;
      console.log(
        `radius fuzz: seed ${SEED}, ${sent} datagrams in ${seconds.toFixed(1)} s,` +
          ` ${drops} counted as dropped by the server, ${replies.length} answered,` +
          ` valid request after: ${answer}`,
      );
      expect(replies).toHaveLength(0);
      // Most reached the server (the kernel may drop some when its buffer is full).
      expect(drops).toBeGreaterThan(sent * 0.8);
      expect(server.child.exitCode).toBeNull();
      expect(answer).toBe(ACCESS_ACCEPT);
    } finally {
      socket.close();
      expect(await server.stop()).toBe(0);
    }
  }, 120_000);
});
