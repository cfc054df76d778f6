// Finding the step that produced a code. Every step of the window is computed and compared in
// constant time, with no early exit, so the time taken does not reveal which step matched.

import { timingSafeEqual } from 'node:crypto';

import type { HashAlgorithm } from '../types.js';
import { hotpValue, type Digits } from './hotp.js';

export type IntervalSeconds = 30 | 60;

export interface OtpParams {
  key: Buffer;
  algorithm: HashAlgorithm;
  digits: Digits;
  intervalSeconds: IntervalSeconds;
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

  const candidate = Buffer.alloc(params.digits);
  const matches: number[] = [];

  for (let step = Math.max(0, fromStep); step <= toStep; step++) {
    writeDigits(candidate, hotpValue(params.key, step, params.digits, params.algorithm));
    const isEqual = timingSafeEqual(candidate, typed);
    if (isEqual) matches.push(step);
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

// Writes the value as ASCII digits, leading zeros included, without building a string.
function writeDigits(target: Buffer, value: number): void {
  let rest = value;
  for (let i = target.length - 1; i >= 0; i--) {
    target[i] = 0x30 + (rest % 10);
    rest = Math.floor(rest / 10);
  }
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
  const candidate = Buffer.alloc(params.digits);
  const pairs: number[] = [];
  let isPreviousFirst = false;

  for (let step = Math.max(0, fromStep); step <= toStep + 1; step++) {
    writeDigits(candidate, hotpValue(params.key, step, params.digits, params.algorithm));
    const isSecond = timingSafeEqual(candidate, second);
    if (isPreviousFirst && isSecond) pairs.push(step - 1);
    isPreviousFirst = step <= toStep && timingSafeEqual(candidate, first);
  }

  return nearestTo(centre, pairs);
}
