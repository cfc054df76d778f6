// Verifications and activations per second through the token service, in process, on a real
// store in a temporary directory. Each verification is a user lookup, a code check and a durable
// state update (journal + fdatasync, group-committed: many requests are in flight at once, as on
// a busy RADIUS server). Activations search the wide window (a day either way for 30 s tokens).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ManualClock } from '../src/engine/clock.js';
import { Engine } from '../src/engine/engine.js';
import { silentLogger } from '../src/engine/logger.js';
import { totpCode } from '../src/engine/otp/hotp.js';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const IN_FLIGHT = 2_000;
const ROUNDS = 3;
const ACTIVATIONS = 100;

export interface VerifyBench {
  verificationsPerSecond: number;
  activationsPerSecond: number;
  /** Verifications per second of this process's CPU time: steadier on a busy machine. */
  verificationsPerCpuSecond: number;
}

export async function benchVerify(users: number): Promise<VerifyBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oathdesk-bench-verify-'));
  const clock = new ManualClock(T0);
  const engine = await Engine.open({
    dataDir: dir,
    clock,
    logger: silentLogger(),
    env: {},
    runsBackgroundJobs: false,
  });

  try {
    const keys = await seed(engine, users, ACTIVATIONS);
    const verifications = await benchVerifications(engine, clock, keys, users);
    const activationsPerSecond = await benchActivations(engine, clock, keys, users);
    return { ...verifications, activationsPerSecond };
  } finally {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `users` members each with one activated token, plus `spare` assigned tokens to activate. */
async function seed(engine: Engine, users: number, spare: number): Promise<Buffer[]> {
  const keys = Array.from({ length: users + spare }, () => crypto.randomBytes(20));
  const box = engine.context.box;
  await engine.store.write((tx) => {
    for (let i = 0; i < users + spare; i++) {
      const upn = `user${i}@bench.example`;
      tx.run(
        `INSERT INTO users (id, upn, upn_key, display_name, user_type, enabled, created_at)
         VALUES (?, ?, ?, ?, 'member', 1, 0)`,
        [i + 1, upn, upn, upn],
      );
      tx.run(
        `INSERT INTO tokens (serial, kind, user_id, status, secret, algorithm, digits,
           interval_seconds, manufacturer, model, created_at)
         VALUES (?, 'hardware', ?, ?, ?, 'SHA1', 6, 30, 'Bench', 'B1', 0)`,
        [`B${i}`, i + 1, i < users ? 'activated' : 'assigned', box.seal(keys[i]!, 'seed')],
      );
    }
  });
  return keys;
}

async function benchVerifications(
  engine: Engine,
  clock: ManualClock,
  keys: Buffer[],
  users: number,
): Promise<{ verificationsPerSecond: number; verificationsPerCpuSecond: number }> {
  let done = 0;
  let elapsed = 0;
  let cpu = 0;
  // Round 0 warms the key cache (a running server has its users' seeds open) and is not counted.
  for (let round = 0; round <= ROUNDS; round++) {
    clock.set(T0 + round * 30_000);
    const codes = keys.slice(0, users).map((key) => totpCode(key, clock.now(), 30, 6, 'SHA1'));

    const started = performance.now();
    const cpuStart = process.cpuUsage();
    let next = 0;
    const worker = async () => {
      while (next < users) {
        const i = next++;
        const decision = await engine.tokens.verify(
          `user${i}@bench.example`,
          codes[i]!,
          'nas:bench',
        );
        if (!decision.isAccepted) throw new Error(`bench: user${i} refused: ${decision.reason}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, users) }, worker));
    if (round === 0) continue;
    elapsed += performance.now() - started;
    const used = process.cpuUsage(cpuStart);
    cpu += (used.user + used.system) / 1000;
    done += users;
  }
  return {
    verificationsPerSecond: Math.round(done / (elapsed / 1000)),
    verificationsPerCpuSecond: Math.round(done / (cpu / 1000)),
  };
}

async function benchActivations(
  engine: Engine,
  clock: ManualClock,
  keys: Buffer[],
  users: number,
): Promise<number> {
  let elapsed = 0;
  for (let n = 0; n < ACTIVATIONS; n++) {
    // Spaced so that the tenant limit (200 in 5 minutes) never refuses one.
    clock.set(T0 + 3_600_000 + n * 1_600);
    const i = users + n;
    const code = totpCode(keys[i]!, clock.now(), 30, 6, 'SHA1');

    const started = performance.now();
    const decision = await engine.tokens.activate(`B${i}`, code, undefined, 'cli:bench');
    elapsed += performance.now() - started;
    if (!decision.isAccepted) throw new Error(`bench: B${i} not activated: ${decision.reason}`);
  }
  return Math.round(ACTIVATIONS / (elapsed / 1000));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const users = Number(process.argv[2] ?? 20_000);
  const result = await benchVerify(users);
  console.log(JSON.stringify({ users, ...result }));
}
