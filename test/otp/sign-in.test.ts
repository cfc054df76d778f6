import { describe, expect, it } from 'vitest';

import { stepAt, totpCode } from '../../src/engine/otp/hotp.js';
import type { OtpParams } from '../../src/engine/otp/match.js';
import {
  checkSignIn,
  resync,
  searchActivation,
  type TokenClock,
} from '../../src/engine/otp/policy.js';
import { fixtureJson, ms, params } from './helpers.js';

interface Attempt {
  serverTimeUtc: string;
  typed: string;
}
const t03 = fixtureJson<{ token: { secretKey: string }; steps: Attempt[] }>(
  't03-hardware-clock-drift.json',
);
const t04 = fixtureJson<{ token: { secretKey: string }; attempts: Attempt[] }>(
  't04-stale-code-and-replay.json',
);

// The code a token shows at server time `at` when its clock is `driftMs` ahead.
const shown = (p: OtpParams, at: number, driftMs: number): string =>
  totpCode(p.key, at + driftMs, p.intervalSeconds, p.digits, p.algorithm);

const DAY = 86_400_000;

describe('checkSignIn: replay and stale codes (t04)', () => {
  it('accepts, refuses a replay and an older code, accepts the next, refuses an old one', () => {
    const p = params(t04.token.secretKey);
    let clock: TokenClock = { offsetSteps: 0, lastStep: null };
    const outcomes: string[] = [];

    for (const attempt of t04.attempts) {
      const decision = checkSignIn(p, clock, attempt.typed, ms(attempt.serverTimeUtc));
      outcomes.push(decision.code);
      if (decision.isAccepted) clock = decision.newClock;
      if (decision.code === 'REPLAY')
        expect(decision.reason).toMatch(/already used, wait for the next/);
      if (decision.code === 'STALE_CODE')
        expect(decision.reason).toMatch(/older than the last accepted/);
    }

    expect(outcomes).toEqual(['ACCEPTED', 'REPLAY', 'STALE_CODE', 'ACCEPTED', 'WRONG_CODE']);
  });

  it('never accepts a code 20 minutes old, whatever the offset history', () => {
    const p = params(t04.token.secretKey);
    const now = ms('2025-01-01T02:00:00Z');
    const old = shown(p, now, -20 * 60_000);
    expect(checkSignIn(p, { offsetSteps: 0, lastStep: null }, old, now).code).toBe('WRONG_CODE');
    expect(checkSignIn(p, { offsetSteps: -1, lastStep: null }, old, now).code).toBe('WRONG_CODE');
  });

  it('refuses a configured window that would reach codes minutes old', () => {
    const p = params(t04.token.secretKey);
    const clock = { offsetSteps: 0, lastStep: null };
    expect(() => checkSignIn(p, clock, '023394', 0, { window: 40 })).toThrow(/limit is 180 s/);
  });

  it('reports a badly formed code as BAD_FORMAT, not as a wrong code', () => {
    const p = params(t04.token.secretKey);
    const decision = checkSignIn(p, { offsetSteps: 0, lastStep: null }, '23394', 0);
    expect(decision).toMatchObject({ code: 'BAD_FORMAT', reason: '5 digits; this token shows 6' });
  });
});

describe('checkSignIn: drift (t03)', () => {
  it('signs in a month after activation with the stored +8 offset and moves it to +9', () => {
    const p = params(t03.token.secretKey);
    const [activate, signIn] = t03.steps as [Attempt, Attempt];

    const activated = searchActivation(p, activate.typed, undefined, ms(activate.serverTimeUtc));
    expect(activated).toMatchObject({ code: 'ACCEPTED', newClock: { offsetSteps: 8 } });
    if (!activated.isAccepted) return;

    const decision = checkSignIn(p, activated.newClock, signIn.typed, ms(signIn.serverTimeUtc));
    expect(decision).toMatchObject({ code: 'ACCEPTED', newClock: { offsetSteps: 9 } });
  });

  it('moves the offset by at most one step per success', () => {
    const p = params(t03.token.secretKey);
    const now = ms('2025-02-01T00:00:00Z');
    const clock = { offsetSteps: 8, lastStep: null };
    const decision = checkSignIn(p, clock, shown(p, now, 9 * 30_000), now, { window: 3 });
    expect(decision).toMatchObject({ code: 'ACCEPTED', newClock: { offsetSteps: 9 } });
    const farther = checkSignIn(p, clock, shown(p, now, 11 * 30_000), now, { window: 3 });
    expect(farther).toMatchObject({ code: 'ACCEPTED', newClock: { offsetSteps: 9 } });
  });

  it('keeps signing in a token that gains 7 s a week, used every few days for a year', () => {
    const p = params(t03.token.secretKey);
    const start = ms('2025-01-01T08:00:00Z');
    const driftAt = (at: number): number => ((at - start) / (7 * DAY)) * 7_000;

    const activated = searchActivation(p, shown(p, start, 0), undefined, start);
    if (!activated.isAccepted) throw new Error(activated.reason);
    let clock = activated.newClock;
    let signIns = 0;

    // Every 2 to 5 days, at a different hour each time: 365 days in all.
    for (let at = start + 2 * DAY, i = 0; at < start + 365 * DAY; i++) {
      const decision = checkSignIn(p, clock, shown(p, at, driftAt(at)), at);
      expect(decision, `sign-in ${i} at +${Math.round(driftAt(at))} ms`).toMatchObject({
        code: 'ACCEPTED',
      });
      if (decision.isAccepted) clock = decision.newClock;
      signIns++;
      at += (2 + (i % 4)) * DAY + (i % 7) * 3_600_000;
    }

    expect(signIns).toBeGreaterThan(90);
    expect(clock.offsetSteps * 30).toBeGreaterThan(300);
  });

  it('refuses a token once at +4 min now at +9 min as DRIFTED, then resyncs it', () => {
    const p = params(t03.token.secretKey);
    const lastUse = ms('2025-01-10T09:00:00Z');
    const clock: TokenClock = {
      offsetSteps: 8,
      lastStep: stepAt(lastUse, 30) + 8,
    };
    const now = ms('2025-06-10T09:00:10Z');

    const drifted = checkSignIn(p, clock, shown(p, now, 540_000), now);
    expect(drifted).toMatchObject({ code: 'DRIFTED', driftSteps: 18, isAccepted: false });
    expect(drifted.reason).toMatch(/\+18 steps \(\+540 s\).*stored offset is \+8 steps.*resync/);

    // The admin reads the code, waits for the next one and types both 30 s later.
    const first = shown(p, now, 540_000);
    const later = now + 30_000;
    const second = shown(p, later, 540_000);
    const synced = resync(p, clock, first, second, later);
    expect(synced).toMatchObject({ code: 'ACCEPTED', newClock: { offsetSteps: 18 } });
    if (!synced.isAccepted) return;

    const next = later + 30_000;
    const decision = checkSignIn(p, synced.newClock, shown(p, next, 540_000), next);
    expect(decision).toMatchObject({ code: 'ACCEPTED', newClock: { offsetSteps: 18 } });
  });

  it('refuses a code typed at server time when the stored offset is +8 as DRIFTED at +0', () => {
    const p = params(t03.token.secretKey);
    const now = ms('2025-01-31T01:00:00Z');
    const decision = checkSignIn(p, { offsetSteps: 8, lastStep: null }, '698666', now);
    expect(decision).toMatchObject({ code: 'DRIFTED', driftSteps: 0 });
  });

  it('calls an old code found in the drift search stale, not drifted', () => {
    const p = params(t03.token.secretKey);
    const now = ms('2025-03-01T00:00:00Z');
    const clock = { offsetSteps: 0, lastStep: stepAt(now, 30) };
    const decision = checkSignIn(p, clock, shown(p, now, -300_000), now);
    expect(decision.code).toBe('STALE_CODE');
  });
});

describe('resync', () => {
  const p = params(t03.token.secretKey);
  const now = ms('2025-03-01T12:00:00Z');

  it('refuses two codes that are not consecutive', () => {
    const clock = { offsetSteps: 0, lastStep: null };
    const decision = resync(p, clock, shown(p, now, 0), shown(p, now, 60_000), now);
    expect(decision.code).toBe('WRONG_CODE');
  });

  it('refuses a pair of codes at or before the last accepted step', () => {
    const clock = { offsetSteps: 0, lastStep: stepAt(now, 30) };
    const old = resync(p, clock, shown(p, now, -60_000), shown(p, now, -30_000), now);
    expect(old.code).toBe('STALE_CODE');
    const same = resync(p, clock, shown(p, now, 0), shown(p, now, 30_000), now);
    expect(same.code).toBe('REPLAY');
  });

  it('brings back a token wrongly accepted hours ahead, saying what that costs', () => {
    const clock = { offsetSteps: 240, lastStep: stepAt(now, 30) + 241 };
    const decision = resync(p, clock, shown(p, now, -30_000), shown(p, now, 0), now);
    expect(decision).toMatchObject({ code: 'ACCEPTED', newClock: { offsetSteps: 0 } });
    expect(decision.reason).toMatch(/moved back .*valid again/);
    // The direction is in the words; a sign after "back" read as the opposite way.
    expect(decision.reason).toContain('; moved back 241 steps (7230 s) behind');
  });

  it('never moves back over a code spent in the last minutes', () => {
    const clock = { offsetSteps: 0, lastStep: stepAt(now, 30) + 10 };
    const decision = resync(p, clock, shown(p, now, -30_000), shown(p, now, 0), now);
    expect(decision.code).toBe('STALE_CODE');
  });

  it('finds a token that drifted by hours', () => {
    const clock = { offsetSteps: 0, lastStep: null };
    const drift = 3 * 3_600_000;
    const decision = resync(p, clock, shown(p, now, drift - 30_000), shown(p, now, drift), now);
    expect(decision).toMatchObject({ code: 'ACCEPTED', newClock: { offsetSteps: 360 } });
  });
});
