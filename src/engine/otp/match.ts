// Finding the step that produced a code. Every step of the window is computed and compared in
// constant time, with no early exit, so the time taken does not reveal which step matched.

import type { HashAlgorithm } from '../types.js';
import { hmacSha1Pads, hotpValue, type Digits, type HmacPads } from './hotp.js';

export type IntervalSeconds = 30 | 60;

export interface OtpParams {
  key: Buffer;
  algorithm: HashAlgorithm;
  digits: Digits;
  intervalSeconds: IntervalSeconds;
  /** HMAC-SHA-1 pads of `key` kept with an opened key; prepared per search when absent. */
  pads?: HmacPads;
}

// Pads prepared once per search, not once per step.
function padsOf(params: OtpParams): HmacPads | undefined {
  if (params.algorithm !== 'SHA1') return undefined;
  return params.pads ?? hmacSha1Pads(params.key);
}

/**
 * All steps in `fromStep..toStep` (inclusive) whose code equals `code`, ascending. `code` must
 * already be normalised (see normalizeCode); a code of the wrong length matches nothing.
 */
export function findAllMatchingSteps(
  params: OtpParams,
  code: string,
  fromStep: number,
  toStep: number,
): number[] {
  const typed = Buffer.from(code, 'latin1');
  if (typed.length !== params.digits) return [];

  const pads = padsOf(params);
  const matches: number[] = [];

  for (let step = Math.max(0, fromStep); step <= toStep; step++) {
    const value = hotpValue(params.key, step, params.digits, params.algorithm, pads);
    if (sameDigits(value, typed)) matches.push(step);
  }

  return matches;
}

/**
 * The step in `fromStep..toStep` whose code equals `code`, or null. When several steps in the
 * window produce the same code (about one window in a million for 6 digits and a small window),
 * the one nearest the window's centre wins, and the later one on a tie.
 */
export function findMatchingStep(
  params: OtpParams,
  code: string,
  fromStep: number,
  toStep: number,
): number | null {
  return nearestTo((fromStep + toStep) / 2, findAllMatchingSteps(params, code, fromStep, toStep));
}

/** The step nearest `centre`, the later one on a tie; null for an empty list. */
export function nearestTo(centre: number, steps: number[]): number | null {
  let best: number | null = null;

  for (const step of steps) {
    if (best === null || Math.abs(step - centre) <= Math.abs(best - centre)) best = step;
  }

  return best;
}

/**
 * Whether `value`, written with leading zeros, is the ASCII code `typed` (of the same length).
 * Constant time: every digit is compared and the differences are OR-ed, with no early exit and
 * no allocation (this runs for every step of every window).
 */
function sameDigits(value: number, typed: Buffer): boolean {
  let rest = value;
  let difference = 0;
  for (let i = typed.length - 1; i >= 0; i--) {
    difference |= (typed[i] as number) ^ (0x30 + (rest % 10));
    rest = Math.floor(rest / 10);
  }
  return difference === 0;
}

/**
 * The step `s` in `fromStep..toStep` where `code` is the code of `s` and `nextCode` the code of
 * `s + 1`, nearest `centre`; null when the window holds no such pair. Two consecutive codes are
 * the proof asked for when a single code could match by chance in a wide window.
 */
export function findConsecutivePair(
  params: OtpParams,
  code: string,
  nextCode: string,
  fromStep: number,
  toStep: number,
  centre: number,
): number | null {
  const first = Buffer.from(code, 'latin1');
  const second = Buffer.from(nextCode, 'latin1');
  if (first.length !== params.digits || second.length !== params.digits) return null;

  // Each step's code is computed once and compared with both codes: half the HMACs of two scans.
  const pads = padsOf(params);
  const pairs: number[] = [];
  let isPreviousFirst = false;

  for (let step = Math.max(0, fromStep); step <= toStep + 1; step++) {
    const value = hotpValue(params.key, step, params.digits, params.algorithm, pads);
    const isSecond = sameDigits(value, second);
    const isFirst = sameDigits(value, first);
    if (isPreviousFirst && isSecond) pairs.push(step - 1);
    isPreviousFirst = step <= toStep && isFirst;
  }

  return nearestTo(centre, pairs);
}
