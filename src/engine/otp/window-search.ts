// The wide search shared by activation and its mismatch hints.

import { ACTIVATION_NEAR_SECONDS, ACTIVATION_WIDE_SECONDS } from './decision.js';
import { stepAt } from './hotp.js';
import { findAllMatchingSteps, findConsecutivePair, nearestTo, type OtpParams } from './match.js';

export interface WindowHit {
  /** `near`: one code close to now; `far`: one code farther out; `pair`: two consecutive. */
  kind: 'near' | 'far' | 'pair';
  /** The step of the (first) code. */
  step: number;
}

export interface WindowSpan {
  nearSeconds?: number;
  wideSeconds?: number;
}

/** Where the code (and the next code, if given) falls in the wide window, or null. */
export function searchWindow(
  params: OtpParams,
  code: string,
  nextCode: string | undefined,
  nowMs: number,
  span: WindowSpan,
): WindowHit | null {
  const iv = params.intervalSeconds;
  const nowStep = stepAt(nowMs, iv);
  const wide = Math.ceil((span.wideSeconds ?? ACTIVATION_WIDE_SECONDS[iv]) / iv);
  const near = Math.floor((span.nearSeconds ?? ACTIVATION_NEAR_SECONDS) / iv);

  if (nextCode !== undefined) {
    const step = findConsecutivePair(
      params,
      code,
      nextCode,
      nowStep - wide,
      nowStep + wide,
      nowStep,
    );
    return step === null ? null : { kind: 'pair', step };
  }

  const all = findAllMatchingSteps(params, code, nowStep - wide, nowStep + wide);
  const step = nearestTo(nowStep, all);
  if (step === null) return null;

  return { kind: Math.abs(step - nowStep) <= near ? 'near' : 'far', step };
}
