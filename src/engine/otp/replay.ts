// A code belongs to a step; once a step has been accepted, it and every earlier step are spent
// (RFC 6238 section 5.2).

import type { Refused } from './decision.js';

/** A refusal when `step` is at or before the last accepted step, otherwise null. */
export function refuseUsedStep(
  step: number,
  lastStep: number | null,
): Refused<'REPLAY' | 'STALE_CODE'> | null {
  if (lastStep === null || step > lastStep) return null;

  if (step === lastStep) {
    return {
      isAccepted: false,
      code: 'REPLAY',
      reason: 'code already used, wait for the next code',
    };
  }

  const behind = lastStep - step;
  return {
    isAccepted: false,
    code: 'STALE_CODE',
    reason:
      `code is older than the last accepted code (${behind} ${behind === 1 ? 'step' : 'steps'}` +
      ' before it); wait for the next code',
  };
}
