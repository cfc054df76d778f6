// Resync: two consecutive codes re-teach a drifted token's offset. Two codes in a row anywhere
// in a day or two is proof (about one chance in 10^12 per window for a guess), and the steps must
// come after the last accepted one, so a resync cannot replay spent codes (one exception below:
// a token wrongly accepted far ahead may be brought back to server time).

import { normalizeCode } from './code-format.js';
import {
  ACTIVATION_NEAR_SECONDS,
  DRIFT_SEARCH_SECONDS,
  ACTIVATION_WIDE_SECONDS,
  countSteps,
  describeSteps,
  type Accepted,
  type Refused,
  type TokenClock,
} from './decision.js';
import { stepAt } from './hotp.js';
import { findConsecutivePair, type OtpParams } from './match.js';
import { refuseUsedStep } from './replay.js';

export interface ResyncOptions {
  /** Seconds either side of server time searched (default ACTIVATION_WIDE_SECONDS). */
  wideSeconds?: number;
}

export type ResyncDecision =
  Accepted | Refused<'BAD_FORMAT' | 'WRONG_CODE' | 'REPLAY' | 'STALE_CODE'>;

export function resync(
  params: OtpParams,
  clock: TokenClock,
  input: string,
  nextInput: string,
  nowMs: number,
  opts: ResyncOptions = {},
): ResyncDecision {
  const code = normalizeCode(input, params.digits);
  if (!code.ok) return { isAccepted: false, code: 'BAD_FORMAT', reason: code.reason };

  const next = normalizeCode(nextInput, params.digits);
  if (!next.ok)
    return { isAccepted: false, code: 'BAD_FORMAT', reason: `next code: ${next.reason}` };

  const iv = params.intervalSeconds;
  const nowStep = stepAt(nowMs, iv);
  const seconds = opts.wideSeconds ?? ACTIVATION_WIDE_SECONDS[iv];
  const wide = Math.ceil(seconds / iv);
  const first = findConsecutivePair(
    params,
    code.code,
    next.code,
    nowStep - wide,
    nowStep + wide,
    nowStep,
  );

  if (first === null) {
    return {
      isAccepted: false,
      code: 'WRONG_CODE',
      reason:
        `the two codes are not consecutive codes of this token within ${seconds / 3600} h of` +
        ' server time; type two codes the token shows one after the other',
    };
  }

  // The second code is what the token shows now: its step sets the offset and is spent.
  const step = first + 1;
  const offsetSteps = step - nowStep;
  const used = refuseUsedStep(first, clock.lastStep);
  const isNearNow = Math.abs(offsetSteps) * iv <= ACTIVATION_NEAR_SECONDS;
  // Only a last step far ahead, beyond any sign-in or drift window, may be moved back over:
  // codes spent in the last minutes stay spent whatever an admin types.
  const isFarAhead = clock.lastStep !== null && (clock.lastStep - step) * iv > DRIFT_SEARCH_SECONDS;
  // Spent steps stay spent, except that a token accepted at a wrong offset far ahead (activated
  // with codes from a clock that was then reset) may be brought back to server time: otherwise
  // it could not sign in until real time caught up. The reason says what that costs.
  if (used && !(isNearNow && isFarAhead)) return used;
  const movedBack =
    used && clock.lastStep !== null
      ? `; moved back ${countSteps(clock.lastStep - step, iv)} behind its last accepted` +
        ' code: codes it showed at the old offset become valid again when their time comes' +
        ' (delete and re-upload the token if they may have been seen by others)'
      : '';
  return {
    isAccepted: true,
    code: 'ACCEPTED',
    reason:
      `token resynchronised; its clock is ${describeSteps(offsetSteps, iv)} from server time` +
      ` (was ${describeSteps(clock.offsetSteps, iv)})${movedBack}`,
    step,
    newClock: { offsetSteps, lastStep: step },
    driftSteps: offsetSteps,
  };
}
