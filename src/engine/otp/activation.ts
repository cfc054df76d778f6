// Activation: the admin proves a token works. The search is wide (a day or two) because a token
// may have sat in a drawer, so one code far from now is not proof: a second code is asked for.

import { normalizeCode } from './code-format.js';
import { describeSteps, type Accepted, type Refused } from './decision.js';

export {
  ACTIVATION_BEHIND_STEPS,
  ACTIVATION_NEAR_SECONDS,
  ACTIVATION_WIDE_SECONDS,
} from './decision.js';
import { stepAt } from './hotp.js';
import { findAlternative } from './mismatch.js';
import { refuseUsedStep } from './replay.js';
import { searchWindow, type WindowHit } from './window-search.js';
import type { OtpParams } from './match.js';

export interface ActivationOptions {
  /** Seconds either side where one code suffices (default ACTIVATION_NEAR_SECONDS). */
  nearSeconds?: number;
  /** Seconds either side searched (default ACTIVATION_WIDE_SECONDS for the interval). */
  wideSeconds?: number;
  /** The token's last accepted step, if it ever had one: its codes stay spent. */
  lastStep?: number | null;
}

export type ActivationDecision =
  | Accepted
  | Refused<
      | 'BAD_FORMAT'
      | 'WRONG_CODE'
      | 'NEED_NEXT_CODE'
      | 'REPLAY'
      | 'STALE_CODE'
      | 'INTERVAL_MISMATCH'
      | 'HASH_MISMATCH'
    >;

/**
 * Searches for the code at activation. Accepts one code from one step behind now to `nearSeconds`
 * ahead, or two consecutive codes anywhere in the wide window; a lone far match asks for the next
 * code. A code that matches only under another interval or hash is refused with that finding.
 */
export function searchActivation(
  params: OtpParams,
  input: string,
  nextInput: string | undefined,
  nowMs: number,
  opts: ActivationOptions = {},
): ActivationDecision {
  const code = normalizeCode(input, params.digits);
  if (!code.ok) return { isAccepted: false, code: 'BAD_FORMAT', reason: code.reason };

  const next = nextInput === undefined ? undefined : normalizeCode(nextInput, params.digits);
  if (next && !next.ok) {
    return { isAccepted: false, code: 'BAD_FORMAT', reason: `next code: ${next.reason}` };
  }

  const hit = searchWindow(params, code.code, next?.code, nowMs, opts);
  if (hit === null) return findAlternative(params, code.code, next?.code, nowMs, opts);

  return decideHit(params, hit, nowMs, opts.lastStep ?? null);
}

function decideHit(
  params: OtpParams,
  hit: WindowHit,
  nowMs: number,
  lastStep: number | null,
): ActivationDecision {
  const nowStep = stepAt(nowMs, params.intervalSeconds);
  const seen = hit.step - nowStep;
  const iv = params.intervalSeconds;

  if (hit.kind === 'far') {
    return {
      isAccepted: false,
      code: 'NEED_NEXT_CODE',
      reason:
        `the code matches ${describeSteps(seen, iv)} from server time; one code this far` +
        ' away could match by chance: enter it again with the next code the token shows',
      driftSteps: seen,
      needsNextCode: true,
    };
  }

  // For a pair, the second code is what the token shows now and the step to remember.
  const step = hit.kind === 'pair' ? hit.step + 1 : hit.step;
  const used = refuseUsedStep(step, lastStep);
  if (used) return used;

  const offsetSteps = step - nowStep;
  return {
    isAccepted: true,
    code: 'ACCEPTED',
    reason: `token activated; its clock is ${describeSteps(offsetSteps, iv)} from server time`,
    step,
    newClock: { offsetSteps, lastStep: step },
    driftSteps: offsetSteps,
  };
}
