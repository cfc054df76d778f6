// Lockout per user after repeated wrong codes. Bounded so that an attacker who knows a user's
// name can slow that user down by at most MAX delay, never lock them out for good.

import { createHmac } from 'node:crypto';

import { describeTime, type Refused } from './decision.js';

export interface LockoutState {
  /** Consecutive counted failures since the last success. */
  failures: number;
  lockedUntil: number | null;
  /** Fingerprint of the last counted wrong code (see codeFingerprint), never the code. */
  lastCodeFp: string | null;
  lastFailureAt: number | null;
}

export interface LockoutPolicy {
  /** Failures allowed before any delay (default 3). */
  freeFailures: number;
  /** Delay after the last free failure, doubled for each further one (default 30 s). */
  baseDelayMs: number;
  /** Upper bound of the delay (default 15 minutes). */
  maxDelayMs: number;
  /** The same wrong code again within this span counts once (default 60 s). */
  repeatWindowMs: number;
}

export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = {
  freeFailures: 3,
  baseDelayMs: 30_000,
  maxDelayMs: 900_000,
  repeatWindowMs: 60_000,
};

export const EMPTY_LOCKOUT: LockoutState = {
  failures: 0,
  lockedUntil: null,
  lastCodeFp: null,
  lastFailureAt: null,
};

/**
 * Counts a wrong code. The same code (same fingerprint) within `repeatWindowMs` of the counted
 * failure is a NAS retransmission or a double Enter and counts once; the window is measured
 * from the counted failure, so a repeat every few seconds does not extend it forever. From the
 * `freeFailures`-th failure on, the state is locked for base * 2^(failures - freeFailures).
 * Format errors and rate-limit refusals must not be registered here.
 */
export function registerFailure(
  state: LockoutState,
  fingerprint: string,
  now: number,
  policy: LockoutPolicy = DEFAULT_LOCKOUT_POLICY,
): LockoutState {
  const isRepeat =
    state.lastCodeFp === fingerprint &&
    state.lastFailureAt !== null &&
    now - state.lastFailureAt < policy.repeatWindowMs;
  if (isRepeat) return state;

  const failures = state.failures + 1;
  const beyond = failures - policy.freeFailures;
  // Cap the exponent too: 2 ** 1000 would be Infinity before the min() could bound it.
  const delay =
    beyond < 0 ? 0 : Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(beyond, 30));

  return {
    failures,
    lockedUntil: delay > 0 ? now + delay : null,
    lastCodeFp: fingerprint,
    lastFailureAt: now,
  };
}

/** A success clears every failure. */
export function registerSuccess(): LockoutState {
  return { ...EMPTY_LOCKOUT };
}

/** The time until which attempts are refused, or null when attempts are allowed now. */
export function lockedUntil(state: LockoutState, now: number): number | null {
  return state.lockedUntil !== null && now < state.lockedUntil ? state.lockedUntil : null;
}

/** The refusal for an attempt while locked, or null when the attempt may be checked. */
export function checkLockout(state: LockoutState, now: number): Refused<'LOCKED_OUT'> | null {
  const until = lockedUntil(state, now);
  if (until === null) return null;

  return {
    isAccepted: false,
    code: 'LOCKED_OUT',
    reason:
      `locked out until ${describeTime(until)} after ${state.failures} wrong codes in a row;` +
      ' the code was not checked',
    retryAt: until,
  };
}

/**
 * A keyed fingerprint of a typed code, so the stored state can tell a repeat without keeping
 * the code: a bare hash of a 6-digit code is reversed by trying all million codes. `key` is a
 * server-side secret, not a token seed.
 */
export function codeFingerprint(code: string, key: Buffer): string {
  return createHmac('sha256', key).update(code, 'utf8').digest('base64url').slice(0, 22);
}
