// CPU per Access-Request inside the packet handler, without sockets or the engine: distinct valid
// requests (none a retransmission), each in its own ArrayBuffer as dgram delivers it, 64 in
// flight, a stub that accepts at once, answers taken through `respond` as the UDP server takes
// them (`handlePacket` in older builds). Run with
//   node --expose-gc --import tsx bench/packet-path.ts [requests] [runs] [dir...]
// Each dir holds a build of src/ (`server/packet-handler.js`, e.g. dist/ after `npm run build`)
// or src/ itself; default src/ (run through tsx, whose helpers add to closures' cost). Several
// dirs, e.g. dist/ and a build of an older revision, are measured in one process, runs
// alternating, so that their figures compare.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PacketHandlerOptions, PacketHandler } from '../src/server/packet-handler.js';
import { accessRequest } from './radius-packets.js';
import { median } from './startup.js';

/** Builds from before `respond` have only `handlePacket`. */
type Create = (
  options: PacketHandlerOptions,
) => Partial<PacketHandler> & Pick<PacketHandler, 'handlePacket'>;

const IN_FLIGHT = 64;
const SECRET = 'bench-shared-secret-0123456789';
const SOURCE_ADDRESS = '127.0.0.1';

function buildPackets(count: number): Buffer[] {
  const secret = Buffer.from(SECRET, 'utf8');
  const randomness = crypto.randomBytes(16 * count);
  const packets: Buffer[] = [];
  for (let n = 0; n < count; n++) {
    const authenticator = randomness.subarray(16 * n, 16 * n + 16);
    const upn = `user${n}@bench.example`;
    packets.push(
      accessRequest(n & 0xff, upn, String(100000 + (n % 900000)), secret, authenticator),
    );
  }
  return packets;
}

/** A copy in an ArrayBuffer of its own, as dgram hands each datagram to its listener. */
function asReceived(packet: Buffer): Buffer {
  const own = Buffer.from(new ArrayBuffer(packet.length));
  own.set(packet);
  return own;
}

/** CPU microseconds (all threads, GC included) per packet, one fresh handler over `packets`. */
async function run(create: Create, packets: readonly Buffer[]): Promise<number> {
  globalThis.gc?.();
  const accept = Promise.resolve({ isAccepted: true, code: 'ACCEPTED', reason: 'code accepted' });
  let outcomes = 0;
  const handler = create({
    clients: () => CLIENTS,
    authenticate: () => accept,
    now: Date.now,
    userNames: {},
    onOutcome: () => void outcomes++,
  });
  let answered = 0;
  let next = 0;
  const started = process.cpuUsage();
  await new Promise<void>((resolve) => {
    const send = (slot: number): void => {
      if (next >= packets.length) {
        if (answered === packets.length) resolve();
        return;
      }
      const source = { address: SOURCE_ADDRESS, port: 40000 + slot };
      const packet = asReceived(packets[next++]!);
      if (handler.respond) handler.respond(packet, source, answer);
      else void handler.handlePacket(packet, source).then((r) => answer(r, source));
    };
    const answer = (response: Buffer | null, source: { port: number }): void => {
      if (response?.[0] !== 2) throw new Error('expected an Access-Accept');
      answered++;
      send(source.port - 40000);
    };
    for (let slot = 0; slot < IN_FLIGHT; slot++) send(slot);
  });
  const used = process.cpuUsage(started);
  if (outcomes !== packets.length) throw new Error(`${outcomes} outcomes`);
  return (used.user + used.system) / packets.length;
}

const CLIENTS = [
  { name: 'bench', address: '127.0.0.1', secret: SECRET, messageAuthenticator: 'require' as const },
];

async function load(dir: string): Promise<Create> {
  const file = path.resolve(dir, 'server', 'packet-handler');
  const built = fs.existsSync(`${file}.js`);
  const module = (await import(pathToFileURL(built ? `${file}.js` : `${file}.ts`).href)) as {
    createPacketHandler: Create;
  };
  return module.createPacketHandler;
}

const count = Number(process.argv[2] ?? 20_000);
const runs = Number(process.argv[3] ?? 9);
const dirs = process.argv.length > 4 ? process.argv.slice(4) : ['src'];
const variants: [string, Create][] = [];
for (const dir of dirs) variants.push([dir, await load(dir)]);

const packets = buildPackets(count);
for (const [, create] of variants) await run(create, packets.slice(0, 5_000));
const figures = new Map<string, number[]>(variants.map(([name]) => [name, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, create] of variants) figures.get(name)!.push(await run(create, packets));
}
for (const [name, values] of figures) {
  const sorted = [...values].sort((a, b) => a - b);
  const shown = sorted.map((v) => v.toFixed(2)).join(' ');
  console.log(`${name}: median ${median(values).toFixed(2)} µs/packet (${shown})`);
}
