import { describe, expect, it } from 'vitest';

import { stepAt, totpCode } from '../../src/engine/otp/hotp.js';
import {
  findAllMatchingSteps,
  findConsecutivePair,
  findMatchingStep,
} from '../../src/engine/otp/match.js';
import { fixtureJson, ms, params } from './helpers.js';

interface T01 {
  token: { secretKey: string };
  neighbour_codes: { previous_step: string; next_step: string };
}
const t01 = fixtureJson<T01>('t01-activation-code-leading-zero.json');
const p = params(t01.token.secretKey);
const now = stepAt(ms('2025-01-01T00:00:00Z'), 30);

describe('findMatchingStep', () => {
  it('finds the current, previous and next step in a window of one either side', () => {
    expect(findMatchingStep(p, '021131', now - 1, now + 1)).toBe(now);
    expect(findMatchingStep(p, t01.neighbour_codes.previous_step, now - 1, now + 1)).toBe(now - 1);
    expect(findMatchingStep(p, t01.neighbour_codes.next_step, now - 1, now + 1)).toBe(now + 1);
  });

  it('returns null outside the window and for a code of the wrong length', () => {
    expect(findMatchingStep(p, t01.neighbour_codes.next_step, now - 1, now)).toBeNull();
    expect(findMatchingStep(p, '21131', now - 1, now + 1)).toBeNull();
    expect(findMatchingStep(p, '0211310', now - 1, now + 1)).toBeNull();
  });

  it('prefers the match nearest the centre when a code repeats in a wide window', () => {
    // Find a code that occurs twice in a day of steps, then centre the window near each one.
    const seen = new Map<string, number>();
    let pair: [number, number] | null = null;
    for (let step = now; pair === null; step++) {
      const code = totpCode(p.key, step * 30_000, 30, 6, 'SHA1');
      const first = seen.get(code);
      if (first !== undefined) pair = [first, step];
      seen.set(code, step);
    }

    const [a, b] = pair;
    const code = totpCode(p.key, a * 30_000, 30, 6, 'SHA1');
    expect(findAllMatchingSteps(p, code, a, b)).toEqual([a, b]);
    expect(findMatchingStep(p, code, a - 10, b + 1)).toBe(a);
    expect(findMatchingStep(p, code, a - 1, b + 10)).toBe(b);
  });
});

describe('findConsecutivePair', () => {
  it('accepts two codes of consecutive steps and refuses them reversed or apart', () => {
    const prev = t01.neighbour_codes.previous_step;
    const next = t01.neighbour_codes.next_step;
    expect(findConsecutivePair(p, prev, '021131', now - 5, now + 5, now)).toBe(now - 1);
    expect(findConsecutivePair(p, '021131', prev, now - 5, now + 5, now)).toBeNull();
    expect(findConsecutivePair(p, prev, next, now - 5, now + 5, now)).toBeNull();
  });
});
