// The outcomes of checking a code, each with a stable code and a reason in plain words for the
// admin (a NAS is only ever told "rejected"). Every shape here fits the shared CodeDecision.

export type DecisionCode =
  | 'ACCEPTED'
  | 'WRONG_CODE'
  | 'REPLAY'
  | 'STALE_CODE'
  | 'DRIFTED'
  | 'BAD_FORMAT'
  | 'LOCKED_OUT'
  | 'NEED_NEXT_CODE'
  | 'INTERVAL_MISMATCH'
  | 'HASH_MISMATCH'
  | 'RATE_LIMITED';

/** What the verifier remembers about one token between sign-ins. */
export interface TokenClock {
  /** Token step minus server step: positive when the token's clock runs ahead. */
  offsetSteps: number;
  /** The last step accepted; a code of this step or an earlier one is never accepted again. */
  lastStep: number | null;
}

export interface Accepted {
  isAccepted: true;
  code: 'ACCEPTED';
  reason: string;
  /** The step the code (or, for two codes, the second code) belongs to. */
  step: number;
  newClock: TokenClock;
  driftSteps: number;
}

export interface Refused<C extends DecisionCode = DecisionCode> {
  isAccepted: false;
  code: C;
  reason: string;
  /** Where the code was found relative to the server's step, when it was found. */
  driftSteps?: number;
  needsNextCode?: boolean;
  retryAt?: number;
}

/** Default narrow window at sign-in, in steps either side of the stored offset. */
export const SIGN_IN_WINDOW_STEPS = 1;

/** Default bound on how far one successful sign-in moves the stored offset, in steps. */
export const MAX_ADJUST_STEPS = 1;

/** Default span either side of the stored offset searched to report a drifted token. */
export const DRIFT_SEARCH_SECONDS = 600;

/**
 * The widest narrow window allowed, in seconds either side. The window is configurable, but a
 * code minutes old must never sign anyone in, whatever the configuration says.
 */
export const MAX_SIGN_IN_WINDOW_SECONDS = 180;

/**
 * A single code is accepted at activation only from ACTIVATION_BEHIND_STEPS behind server time to
 * this many seconds ahead of it. Behind is kept short on purpose: a code read off the token a
 * minute ago and typed now (t05: captured while rate limited, retried later) must not activate.
 * A token whose clock really is slow proves it with two consecutive codes instead.
 */
export const ACTIVATION_NEAR_SECONDS = 300;

/** Steps behind server time at which one code still activates (the one just shown). */
export const ACTIVATION_BEHIND_STEPS = 1;

/** Span searched either side of server time at activation and resync, per interval. */
export const ACTIVATION_WIDE_SECONDS = { 30: 86_400, 60: 172_800 } as const;

/** Describes a drift for the admin: `+8 steps (+240 s)`. */
export function describeSteps(steps: number, intervalSeconds: number): string {
  const sign = steps >= 0 ? '+' : '-';
  const abs = Math.abs(steps);
  const noun = abs === 1 ? 'step' : 'steps';
  return `${sign}${abs} ${noun} (${sign}${abs * intervalSeconds} s)`;
}

/** Describes a distance without a sign, for text that already says the direction: `40 steps`. */
export function countSteps(steps: number, intervalSeconds: number): string {
  const abs = Math.abs(steps);
  const noun = abs === 1 ? 'step' : 'steps';
  return `${abs} ${noun} (${abs * intervalSeconds} s)`;
}

/** A moment for a reason text: UTC, to the second. */
export function describeTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
