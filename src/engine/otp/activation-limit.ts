// The tenant-wide activation limit: at most `limit` activations in any rolling window. The
// caller keeps the timestamps (durably) and records one only when an activation succeeds after
// this check allows it; wrong codes are limited per token instead (tokens/activation-log.ts).

import { describeTime } from './decision.js';

export const ACTIVATION_LIMIT = 200;
export const ACTIVATION_WINDOW_MS = 300_000;

export interface ActivationLimit {
  isAllowed: boolean;
  /** Activations counted in the window ending now. */
  used: number;
  /** When refused: the first moment an activation is allowed again; otherwise null. */
  retryAt: number | null;
  code?: 'RATE_LIMITED';
  reason?: string;
}

/**
 * Checks the limit. A timestamp counts while `now - t < windowMs`, so an activation at t = 0
 * frees its slot at exactly t = windowMs. Timestamps outside the window may be passed; they
 * are ignored.
 */
export function checkActivationLimit(
  timestampsInWindow: number[],
  now: number,
  limit: number = ACTIVATION_LIMIT,
  windowMs: number = ACTIVATION_WINDOW_MS,
): ActivationLimit {
  const counted = timestampsInWindow.filter((t) => t <= now && now - t < windowMs);
  const used = counted.length;
  if (used < limit) return { isAllowed: true, used, retryAt: null };

  // One slot frees when the (used - limit + 1)-th oldest activation leaves the window.
  counted.sort((a, b) => a - b);
  const retryAt = (counted[used - limit] as number) + windowMs;

  return {
    isAllowed: false,
    used,
    retryAt,
    code: 'RATE_LIMITED',
    reason:
      `${used} activations in the last ${windowMs / 1000} s reach the tenant limit of ${limit};` +
      ` retry at ${describeTime(retryAt)}. This refusal counts as nothing else`,
  };
}
