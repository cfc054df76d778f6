// Resync: two consecutive codes re-teach a drifted token's offset. Two codes in a row anywhere
// in a day or two is proof (about one chance in 10^12 per window for a guess), and the steps must
// come after the last accepted one, so a resync cannot replay spent codes.

import { normalizeCode } from './code-format.js';
import {
  ACTIVATION_WIDE_SECONDS,
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

  const used = refuseUsedStep(first, clock.lastStep);
  if (used) return used;

  // The second code is what the token shows now: its step sets the offset and is spent.
  const step = first + 1;
  const offsetSteps = step - nowStep;
  return {
    isAccepted: true,
    code: 'ACCEPTED',
    reason:
      `token resynchronised; its clock is ${describeSteps(offsetSteps, iv)} from server time` +
      ` (was ${describeSteps(clock.offsetSteps, iv)})`,
    step,
    newClock: { offsetSteps, lastStep: step },
    driftSteps: offsetSteps,
  };
}
