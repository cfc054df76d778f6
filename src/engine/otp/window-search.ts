// The wide search shared by activation and its mismatch hints.

import {
  ACTIVATION_BEHIND_STEPS,
  ACTIVATION_NEAR_SECONDS,
  ACTIVATION_WIDE_SECONDS,
} from './decision.js';
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
  /** Steps behind now where one code still counts as near (default ACTIVATION_BEHIND_STEPS). */
  behindSteps?: number;
  wideSeconds?: number;
}

/**
 * Where the code (and the next code, if given) falls in the wide window, or null. With
 * `isFarWanted` false, a single code is looked for only near now.
 */
export function searchWindow(
  params: OtpParams,
  code: string,
  nextCode: string | undefined,
  nowMs: number,
  span: WindowSpan,
  isFarWanted = true,
): WindowHit | null {
  const iv = params.intervalSeconds;
  const nowStep = stepAt(nowMs, iv);
  const wide = Math.ceil((span.wideSeconds ?? ACTIVATION_WIDE_SECONDS[iv]) / iv);
  const near = Math.floor((span.nearSeconds ?? ACTIVATION_NEAR_SECONDS) / iv);
  const behind = Math.min(near, span.behindSteps ?? ACTIVATION_BEHIND_STEPS);

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

  // The near window first: a near match is the nearest one anyway, and costs a dozen HMACs,
  // not the 5,761 of a day of 30 s steps either way.
  const nearStep = nearestTo(
    nowStep,
    findAllMatchingSteps(params, code, nowStep - behind, nowStep + near),
  );
  if (nearStep !== null) return { kind: 'near', step: nearStep };
  if (!isFarWanted) return null;

  const step = nearestTo(
    nowStep,
    findAllMatchingSteps(params, code, nowStep - wide, nowStep + wide),
  );
  if (step === null) return null;

  return { kind: 'far', step };
}
