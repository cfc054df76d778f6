// RADIUS load against a real `oathdesk serve` on loopback. Every request is a distinct user signing
// in once with the current code of their one activated token, so every accept is a real
// verification and a durable write. Packets are built before the clock starts and answers are
// checked after it stops; each answer sends the next request.
import crypto from 'node:crypto';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { totpCode } from '../src/engine/otp/hotp.js';
import { accessRequest, isResponseAuthentic } from './radius-packets.js';
import { BENCH_CLIENT_SECRET, seedDataDir, upnOf } from './seed.js';
import { cpuSecondsOf, startServe } from './serve-process.js';
import { median } from './startup.js';

const ACCESS_ACCEPT = 2;
const ACCESS_REJECT = 3;
/** Per request in flight, this many requests open each level untimed (see `untimed`). */
const UNTIMED_PER_SLOT = 16;
/** An unanswered request is counted lost after this long, and its slot moves on. */
const LOST_AFTER_MS = 2_000;

export interface LoadResult {
  inFlight: number;
  requests: number;
  accepts: number;
  rejects: number;
  lost: number;
  /** Answers whose Response Authenticator did not check out (counted in neither above). */
  forged: number;
  seconds: number;
  acceptsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time of the server process per request, in microseconds. */
  serverCpuUsPerRequest: number;
  /**
   * CPU time of this load generator per request, in microseconds: it shares the machine's cores
   * with the server, so server + generator CPU per request bounds the rate on a small machine.
   */
  clientCpuUsPerRequest: number;
}

export interface LoadOptions {
  port: number;
  serverPid: number;
  keys: readonly Buffer[];
  /** Users `first` .. `first + count - 1` sign in, each once. */
  first: number;
  count: number;
  inFlight: number;
  /**
   * The first this many of the `count` requests fill the window and are not timed: the server
   * comes out of idle and the whole window arrives at once. Throughput, latency and CPU are
   * measured from the first timed request sent to the last answer.
   */
  untimed?: number;
}

interface Prepared {
  packets: Buffer[];
  authenticators: Buffer[];
}

function prepare(options: LoadOptions, secret: Buffer): Prepared {
  const now = Date.now();
  const randomness = crypto.randomBytes(16 * options.count);
  const packets: Buffer[] = [];
  const authenticators: Buffer[] = [];
  for (let n = 0; n < options.count; n++) {
    const user = options.first + n;
    const authenticator = randomness.subarray(16 * n, 16 * n + 16);
    const code = totpCode(options.keys[user]!, now, 30, 6, 'SHA1');
    packets.push(accessRequest(n & 0xff, upnOf(user), code, secret, authenticator));
    authenticators.push(authenticator);
  }
  return { packets, authenticators };
}

/**
 * The answers, copied into one buffer allocated before the clock starts. Keeping each datagram's
 * own Buffer kept 20,000 objects, each with its own backing store, alive through the run: this
 * process's young collections then took 15-30 ms each, and every request in flight during one
 * was timed that much slower although the server had answered it.
 */
class AnswerStore {
  private static readonly SLOT = 128;
  private readonly octets: Buffer;
  private readonly lengths: Int32Array;
  /** Answers longer than a slot (none from oathdesk's accepts and rejects). */
  private readonly long = new Map<number, Buffer>();

  constructor(count: number) {
    this.octets = Buffer.alloc(count * AnswerStore.SLOT);
    this.lengths = new Int32Array(count).fill(-1);
  }

  keep(n: number, answer: Buffer): void {
    this.lengths[n] = answer.length;
    if (answer.length <= AnswerStore.SLOT) answer.copy(this.octets, n * AnswerStore.SLOT);
    else this.long.set(n, answer);
  }

  /** Every answer kept, with the number of the request it answers; lost requests are skipped. */
  forEach(visit: (answer: Buffer, n: number) => void): void {
    for (let n = 0; n < this.lengths.length; n++) {
      const length = this.lengths[n]!;
      if (length < 0) continue;
      const at = n * AnswerStore.SLOT;
      visit(this.long.get(n) ?? this.octets.subarray(at, at + length), n);
    }
  }
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const secret = Buffer.from(BENCH_CLIENT_SECRET, 'utf8');
  const { packets, authenticators } = prepare(options, secret);
  const untimed = Math.min(options.untimed ?? 0, options.count - 1);
  const timed = options.count - untimed;
  const latencies = new Float64Array(timed);
  const answers = new AnswerStore(options.count);
  let answered = 0;
  let lost = 0;

  // One connected socket: the kernel and libuv then do the least work per datagram, and answers
  // are told apart by Identifier (at most 64 are in flight, out of 256).
  const socket = createSocket('udp4');
  socket.connect(options.port, '127.0.0.1');
  await once(socket, 'connect');

  const slots = Math.min(options.inFlight, options.count);
  const inFlight = new Int32Array(256).fill(-1);
  const sentAt = new Float64Array(256);
  let next = 0;
  let finished = 0;
  let cpuBefore = 0;
  let clientBefore = process.cpuUsage();
  let started = 0;
  let done: () => void = () => undefined;
  const allDone = new Promise<void>((resolve) => (done = resolve));

  const send = (): void => {
    if (next >= options.count) {
      if (++finished === slots) done();
      return;
    }
    const n = next++;
    if (n === untimed) {
      cpuBefore = cpuSecondsOf(options.serverPid);
      clientBefore = process.cpuUsage();
      started = performance.now();
    }
    const id = n & 0xff;
    inFlight[id] = n;
    sentAt[id] = performance.now();
    socket.send(packets[n]!);
  };

  socket.on('message', (response) => {
    const id = response[1]!;
    const n = inFlight[id]!;
    if (n < 0) return; // a late answer to a request already counted lost
    inFlight[id] = -1;
    if (n >= untimed) latencies[answered++] = performance.now() - sentAt[id]!;
    // Checked after the clock stops, so that the generator takes less of the shared CPU.
    answers.keep(n, response);
    send();
  });

  const watchdog = setInterval(() => {
    const limit = performance.now() - LOST_AFTER_MS;
    for (let id = 0; id < 256; id++) {
      if (inFlight[id]! >= 0 && sentAt[id]! < limit) {
        inFlight[id] = -1;
        lost++;
        send();
      }
    }
  }, 100);

  // The packets just built leave the young generation now rather than in a collection while the
  // clock runs (the benchmark runs with --expose-gc; without it this is skipped).
  globalThis.gc?.();
  for (let slot = 0; slot < slots; slot++) send();
  await allDone;
  const seconds = (performance.now() - started) / 1000;
  const serverCpu = cpuSecondsOf(options.serverPid) - cpuBefore;
  const clientCpu = process.cpuUsage(clientBefore);
  clearInterval(watchdog);
  socket.close();

  const counts = { accepts: 0, rejects: 0, forged: 0, timedAccepts: 0 };
  answers.forEach((response, n) => {
    if (!isResponseAuthentic(response, authenticators[n]!, secret)) counts.forged++;
    else if (response[0] === ACCESS_ACCEPT) {
      counts.accepts++;
      if (n >= untimed) counts.timedAccepts++;
    } else if (response[0] === ACCESS_REJECT) counts.rejects++;
  });

  const sorted = latencies.subarray(0, answered).sort();
  return {
    inFlight: options.inFlight,
    requests: options.count,
    accepts: counts.accepts,
    rejects: counts.rejects,
    lost,
    forged: counts.forged,
    seconds: Math.round(seconds * 1000) / 1000,
    acceptsPerSecond: Math.round(counts.timedAccepts / seconds),
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    serverCpuUsPerRequest: Math.round((serverCpu * 1e6) / timed),
    clientCpuUsPerRequest: Math.round((clientCpu.user + clientCpu.system) / timed),
  };
}

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)]! * 100) / 100;
}

export interface RadiusBench {
  /** One entry per in-flight level: medians over the runs. */
  levels: LoadResult[];
  rejects: number;
  lost: number;
}

/**
 * Seeds one user per request, starts `oathdesk serve`, warms it up, then runs every level `runs`
 * times (levels interleaved, so a noisy moment on the machine does not hit one level only).
 */
export async function benchRadius(
  plan: { inFlight: number; requests: number }[],
  runs: number,
  warmup = 1_000,
): Promise<RadiusBench> {
  const untimed = (level: { inFlight: number }) => level.inFlight * UNTIMED_PER_SLOT;
  const perRun = plan.reduce((sum, level) => sum + level.requests + untimed(level), 0);
  const total = warmup + runs * perRun;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oathdesk-bench-radius-'));
  try {
    const keys = await seedDataDir(dir, { users: total, hasLoopbackClient: true });
    // Measured as a server that has been up a while: the seeds are opened in the background
    // shortly after start, and would otherwise share the CPU with the first level.
    const serve = await startServe(dir, {
      alsoWaitFor: 'sign-in index filled, token seeds opened',
    });
    try {
      const base = { port: serve.port, serverPid: serve.child.pid ?? 0, keys };
      let first = 0;
      const next = (count: number) => ((first += count), first - count);
      await runLoad({ ...base, first: next(warmup), count: warmup, inFlight: 64 });

      const results = plan.map((): LoadResult[] => []);
      for (let run = 0; run < runs; run++) {
        for (const [i, level] of plan.entries()) {
          const count = level.requests + untimed(level);
          const first = next(count);
          const options = { ...base, first, count, inFlight: level.inFlight };
          results[i]!.push(await runLoad({ ...options, untimed: untimed(level) }));
        }
      }
      const all = results.flat();
      return {
        levels: results.map(medianResult),
        rejects: all.reduce((sum, r) => sum + r.rejects + r.forged, 0),
        lost: all.reduce((sum, r) => sum + r.lost, 0),
      };
    } finally {
      await serve.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function medianResult(runs: LoadResult[]): LoadResult {
  const of = (pick: (r: LoadResult) => number) => median(runs.map(pick));
  const sum = (pick: (r: LoadResult) => number) => runs.reduce((s, r) => s + pick(r), 0);
  return {
    inFlight: runs[0]!.inFlight,
    requests: sum((r) => r.requests),
    accepts: sum((r) => r.accepts),
    rejects: sum((r) => r.rejects),
    lost: sum((r) => r.lost),
    forged: sum((r) => r.forged),
    seconds: sum((r) => r.seconds),
    acceptsPerSecond: Math.round(of((r) => r.acceptsPerSecond)),
    p50Ms: of((r) => r.p50Ms),
    p99Ms: of((r) => r.p99Ms),
    serverCpuUsPerRequest: Math.round(of((r) => r.serverCpuUsPerRequest)),
    clientCpuUsPerRequest: Math.round(of((r) => r.clientCpuUsPerRequest)),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const scale = Number(process.argv[2] ?? 1);
  const plan = [
    { inFlight: 1, requests: Math.round(1_000 * scale) },
    { inFlight: 16, requests: Math.round(10_000 * scale) },
    { inFlight: 64, requests: Math.round(30_000 * scale) },
  ];
  console.log(JSON.stringify(await benchRadius(plan, Number(process.argv[3] ?? 3)), null, 1));
}
