import { describe, expect, it } from 'vitest';

import {
  DEFAULT_LOCKOUT_POLICY,
  EMPTY_LOCKOUT,
  checkLockout,
  codeFingerprint,
  lockedUntil,
  registerFailure,
  registerSuccess,
  type LockoutState,
} from '../../src/engine/otp/policy.js';

const pepper = Buffer.from('a server-side fingerprint key for tests');
const fp = (code: string): string => codeFingerprint(code, pepper);

describe('lockout', () => {
  it('allows three wrong codes, then delays 30 s, 60 s, 120 s... up to 15 minutes', () => {
    let state: LockoutState = EMPTY_LOCKOUT;
    let now = 1_000_000;
    const delays: Array<number | null> = [];

    for (let i = 0; i < 10; i++) {
      state = registerFailure(state, fp(String(100000 + i)), now);
      const until = lockedUntil(state, now);
      delays.push(until === null ? null : (until - now) / 1000);
      now = (until ?? now) + 1;
    }

    expect(delays).toEqual([null, null, 30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it('refuses attempts while locked with the time to retry, and allows them after', () => {
    let state = EMPTY_LOCKOUT;
    for (const code of ['111111', '222222', '333333']) state = registerFailure(state, fp(code), 0);

    const refusal = checkLockout(state, 29_999);
    expect(refusal).toMatchObject({ code: 'LOCKED_OUT', retryAt: 30_000, isAccepted: false });
    expect(refusal?.reason).toMatch(/locked out until 1970-01-01T00:00:30Z after 3 wrong codes/);
    expect(checkLockout(state, 30_000)).toBeNull();
  });

  it('counts the same wrong code repeated within a minute once', () => {
    let state = EMPTY_LOCKOUT;
    for (let t = 0; t < 60_000; t += 5_000) state = registerFailure(state, fp('123456'), t);
    expect(state.failures).toBe(1);

    state = registerFailure(state, fp('123456'), 60_000);
    expect(state.failures).toBe(2);
    state = registerFailure(state, fp('654321'), 61_000);
    expect(state.failures).toBe(3);
  });

  it('resets on success', () => {
    let state = EMPTY_LOCKOUT;
    for (const code of ['1', '2', '3', '4']) state = registerFailure(state, fp(code), 0);
    expect(lockedUntil(state, 1)).not.toBeNull();
    expect(registerSuccess()).toEqual(EMPTY_LOCKOUT);
  });

  it('honours a custom policy', () => {
    const policy = { ...DEFAULT_LOCKOUT_POLICY, freeFailures: 1, baseDelayMs: 1_000 };
    const state = registerFailure(EMPTY_LOCKOUT, fp('1'), 0, policy);
    expect(lockedUntil(state, 0)).toBe(1_000);
  });

  it('fingerprints codes with a key, so a stored fingerprint does not reveal the code', () => {
    expect(fp('123456')).toBe(fp('123456'));
    expect(fp('123456')).not.toBe(fp('123457'));
    expect(codeFingerprint('123456', Buffer.from('another key'))).not.toBe(fp('123456'));
    expect(fp('123456')).not.toContain('123456');
  });
});
