// The sign-in decision: a narrow window around the token's learned offset, replay refused,
// the offset nudged by a bounded amount, and a wider look only to tell the admin about drift.

import { normalizeCode } from './code-format.js';
import {
  DRIFT_SEARCH_SECONDS,
  MAX_ADJUST_STEPS,
  MAX_SIGN_IN_WINDOW_SECONDS,
  SIGN_IN_WINDOW_STEPS,
  describeSteps,
  type Accepted,
  type Refused,
  type TokenClock,
} from './decision.js';
import { stepAt } from './hotp.js';
import { findMatchingStep, type OtpParams } from './match.js';
import { refuseUsedStep } from './replay.js';

export interface SignInOptions {
  /** Steps either side of the stored offset (default SIGN_IN_WINDOW_STEPS). */
  window?: number;
  /** Most steps one success moves the offset (default MAX_ADJUST_STEPS). */
  maxAdjustSteps?: number;
  /** Seconds either side of the offset searched to report drift (default DRIFT_SEARCH_SECONDS). */
  driftSearchSeconds?: number;
}

export type SignInDecision =
  Accepted | Refused<'REPLAY' | 'STALE_CODE' | 'WRONG_CODE' | 'DRIFTED' | 'BAD_FORMAT'>;

/**
 * Checks a code typed at sign-in. Throws RangeError only for an impossible configuration (a
 * window wider than MAX_SIGN_IN_WINDOW_SECONDS); a wrong code is an ordinary return value.
 */
export function checkSignIn(
  params: OtpParams,
  clock: TokenClock,
  input: string,
  nowMs: number,
  opts: SignInOptions = {},
): SignInDecision {
  const window = opts.window ?? SIGN_IN_WINDOW_STEPS;
  const maxAdjust = opts.maxAdjustSteps ?? MAX_ADJUST_STEPS;
  checkOptions(window, maxAdjust, params.intervalSeconds);

  const format = normalizeCode(input, params.digits);
  if (!format.ok) return { isAccepted: false, code: 'BAD_FORMAT', reason: format.reason };

  const nowStep = stepAt(nowMs, params.intervalSeconds);
  const expected = nowStep + clock.offsetSteps;
  const step = findMatchingStep(params, format.code, expected - window, expected + window);

  if (step === null) return lookForDrift(params, clock, format.code, nowStep, opts);

  const used = refuseUsedStep(step, clock.lastStep);
  if (used) return used;

  // Move toward the matched step, but only a little: one lucky code cannot teach a big jump.
  const seen = step - nowStep;
  const move = Math.max(-maxAdjust, Math.min(maxAdjust, seen - clock.offsetSteps));
  const newClock = { offsetSteps: clock.offsetSteps + move, lastStep: step };

  return {
    isAccepted: true,
    code: 'ACCEPTED',
    reason: `code accepted at ${describeSteps(seen, params.intervalSeconds)} from server time`,
    step,
    newClock,
    driftSteps: newClock.offsetSteps,
  };
}

// Runs only after the narrow window failed: a wrong code costs this wider scan (41 HMACs for a
// 30 s token by default), which is why it spans minutes and not the activation's days.
function lookForDrift(
  params: OtpParams,
  clock: TokenClock,
  code: string,
  nowStep: number,
  opts: SignInOptions,
): SignInDecision {
  const seconds = opts.driftSearchSeconds ?? DRIFT_SEARCH_SECONDS;
  const span = Math.ceil(seconds / params.intervalSeconds);
  const expected = nowStep + clock.offsetSteps;
  const step = findMatchingStep(params, code, expected - span, expected + span);

  if (step === null) {
    return {
      isAccepted: false,
      code: 'WRONG_CODE',
      reason: `wrong code: it matches no step within ${seconds} s of the token's clock`,
    };
  }

  // An old code found in the wide scan is a stale or replayed code, not a sign of drift.
  const used = refuseUsedStep(step, clock.lastStep);
  if (used) return used;

  const seen = step - nowStep;
  const iv = params.intervalSeconds;
  return {
    isAccepted: false,
    code: 'DRIFTED',
    reason:
      `token clock drifted: the code matches ${describeSteps(seen, iv)} from server time,` +
      ` but the stored offset is ${describeSteps(clock.offsetSteps, iv)}; resync the token` +
      ' with two consecutive codes',
    driftSteps: seen,
  };
}

function checkOptions(window: number, maxAdjust: number, intervalSeconds: number): void {
  if (!Number.isInteger(window) || window < 0) {
    throw new RangeError(`sign-in window ${window} must be a whole number of steps, 0 or more`);
  }

  if (window * intervalSeconds > MAX_SIGN_IN_WINDOW_SECONDS) {
    throw new RangeError(
      `sign-in window of ${window} steps spans ${window * intervalSeconds} s either side;` +
        ` the limit is ${MAX_SIGN_IN_WINDOW_SECONDS} s so that old codes stay refused`,
    );
  }

  if (!Number.isInteger(maxAdjust) || maxAdjust < 0) {
    throw new RangeError(`maxAdjustSteps ${maxAdjust} must be a whole number, 0 or more`);
  }
}
