// Brute force: one NAS sends 10,000 wrong codes for one user through the real RADIUS server and
// engine (in this process, on a manual clock that moves one second per 100 attempts), with the
// right code slipped in after the lockout began. The lockout must hold, the number of codes
// actually checked must stay at what the lockout policy allows, and other users must keep
// signing in while the flood runs.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OwnerRuntime } from '../../src/app/owner-runtime.js';
import { ManualClock } from '../../src/engine/clock.js';
import { silentLogger } from '../../src/engine/logger.js';
import { DEFAULT_LOCKOUT_POLICY } from '../../src/engine/otp/lockout.js';
import { tempDataDir } from '../support/cli.js';
import { envCount, prng, randomInt } from '../support/prng.js';
import { ACCESS_ACCEPT, ACCESS_REJECT, RadiusUdpClient } from '../support/radius-udp.js';
import { codeAt, prepareSignInTenant, type SignInUser } from '../support/sign-in-tenant.js';

const ATTEMPTS = envCount('OATHDESK_BRUTE_ATTEMPTS', 10_000);
const OTHERS = 200;
const FLOOD_IN_FLIGHT = 64;
/** The manual clock moves this much per flood attempt: 10,000 attempts span 100 s. */
const MS_PER_ATTEMPT = 10;

const root = tempDataDir('oathdesk-brute-');
const dataDir = path.join(root, 'data');
fs.mkdirSync(dataDir);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A six-digit code that no step within the drift search (ten minutes either side) shows. */
function wrongCode(key: Buffer, now: number, random: () => number): string {
  const near = new Set(Array.from({ length: 41 }, (_, i) => codeAt(key, now + (i - 20) * 30_000)));
  for (;;) {
    const code = String(randomInt(random, 1_000_000)).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

/** Checks the lockout policy allows in `spanMs` of wrong codes sent back to back. */
function allowedChecks(spanMs: number): number {
  const { freeFailures, baseDelayMs, maxDelayMs } = DEFAULT_LOCKOUT_POLICY;
  let checks = freeFailures;
  let at = 0;
  let delay = baseDelayMs;
  while (at + delay <= spanMs) {
    at += delay;
    checks++;
    delay = Math.min(delay * 2, maxDelayMs);
  }
  return checks;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

async function signInOthers(
  nas: RadiusUdpClient,
  port: number,
  users: SignInUser[],
  clock: ManualClock,
) {
  const latencies: number[] = [];
  let accepted = 0;
  await Promise.all(
    Array.from({ length: 4 }, async (_, lane) => {
      for (let i = lane; i < users.length; i += 4) {
        const user = users[i] as SignInUser;
        const started = performance.now();
        const answer = await nas.signIn(port, user.upn, codeAt(user.key, clock.now()), 5000);
        latencies.push(performance.now() - started);
        if (answer === ACCESS_ACCEPT) accepted++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { accepted, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

describe('brute force', () => {
  it('holds the lockout through 10,000 wrong codes while others sign in', async () => {
    const random = prng(424242);
    const tenant = await prepareSignInTenant(dataDir, 1 + 2 * OTHERS);
    const [victim, ...others] = tenant.users as [SignInUser, ...SignInUser[]];
    const clock = new ManualClock(Date.now());
    const runtime = await OwnerRuntime.start({
      dataDir,
      listen: '127.0.0.1:0',
      clock,
      env: {},
      logger: silentLogger(),
      hasControlSocket: false,
    });
    const port = Number(runtime.radius?.listen.split(':').pop());
    const decided = new Map<string, number>();
    runtime.engine.events.on('verification', ({ upn, decision }) => {
      if (upn === victim.upn) decided.set(decision.code, (decided.get(decision.code) ?? 0) + 1);
    });
    const attacker = await RadiusUdpClient.open(tenant.clientSecret);
    const nas = await RadiusUdpClient.open(tenant.clientSecret);

    try {
      const baseline = await signInOthers(nas, port, others.slice(0, OTHERS), clock);

      const started = clock.now();
      const rightAt = Math.floor(ATTEMPTS / 2);
      const answers = new Map<number | null, number>();
      let rightAnswer: number | null = null;
      let sent = 0;
      const flood = Promise.all(
        Array.from({ length: FLOOD_IN_FLIGHT }, async () => {
          while (sent < ATTEMPTS) {
            const index = sent++;
            clock.advance(MS_PER_ATTEMPT);
            const isRight = index === rightAt;
            const code = isRight
              ? codeAt(victim.key, clock.now())
              : wrongCode(victim.key, clock.now(), random);
            const answer = await attacker.signIn(port, victim.upn, code, 10_000);
            if (isRight) rightAnswer = answer;
            answers.set(answer, (answers.get(answer) ?? 0) + 1);
          }
        }),
      );
      const during = await signInOthers(nas, port, others.slice(OTHERS), clock);
      await flood;
      const spanMs = clock.now() - started;

      const checked = decided.get('WRONG_CODE') ?? 0;
      const locked = decided.get('LOCKED_OUT') ?? 0;
      const audited = runtime.engine.audit.query({
        upn: victim.upn,
        text: 'wrong code: it matches',
        limit: 10_000,
      });
      console.log(
        `brute force: ${ATTEMPTS} attempts over ${spanMs / 1000} s of clock, ${checked} checked` +
          ` (policy allows ${allowedChecks(spanMs)}), ${locked} refused unchecked; others` +
          ` ${baseline.accepted}/${OTHERS} p50 ${baseline.p50.toFixed(1)} ms p99` +
          ` ${baseline.p99.toFixed(1)} ms alone, ${during.accepted}/${OTHERS} p50` +
          ` ${during.p50.toFixed(1)} ms p99 ${during.p99.toFixed(1)} ms during the flood`,
      );

      expect(answers.get(ACCESS_ACCEPT) ?? 0).toBe(0);
      expect(answers.get(ACCESS_REJECT)).toBe(ATTEMPTS);
      expect(rightAnswer).toBe(ACCESS_REJECT);
      expect(checked).toBeGreaterThanOrEqual(DEFAULT_LOCKOUT_POLICY.freeFailures);
      expect(checked).toBeLessThanOrEqual(allowedChecks(spanMs));
      expect(audited).toHaveLength(checked);
      expect(checked + locked).toBe(ATTEMPTS);
      expect(decided.get('ACCEPTED')).toBeUndefined();

      expect(baseline.accepted).toBe(OTHERS);
      expect(during.accepted).toBe(OTHERS);
      expect(during.p99).toBeLessThan(Math.max(1000, baseline.p99 * 10));

      // Once the lockout has run out, the user signs in with the right code.
      clock.advance(DEFAULT_LOCKOUT_POLICY.maxDelayMs + 1000);
      expect(await nas.signIn(port, victim.upn, codeAt(victim.key, clock.now()))).toBe(
        ACCESS_ACCEPT,
      );
    } finally {
      attacker.close();
      nas.close();
      await runtime.close();
    }
  }, 120_000);
});
