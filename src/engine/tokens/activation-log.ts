// The tenant-wide activation limit over the `activations` table: each successful activation leaves
// a row, so the rolling window survives a restart. The window maths is otp/activation-limit.ts.
// Wrong codes use no tenant slot (one admin mistyping must not stop every activation); guessing
// is bounded per token instead, from the refused attempts the audit trail already holds.
import {
  ACTIVATION_LIMIT,
  ACTIVATION_WINDOW_MS,
  checkActivationLimit,
  type ActivationLimit,
} from '../otp/activation-limit.js';
import { describeTime } from '../otp/decision.js';
import type { Store, Tx } from '../store/store.js';
import type { ActivationUsage } from '../types.js';

type Reader = Pick<Tx, 'all'> | Pick<Store, 'all'>;

function timestampsInWindow(reader: Reader, now: number): number[] {
  const rows = reader.all<{ at: number }>(
    'SELECT at FROM activations WHERE at > ? AND at <= ? ORDER BY at',
    [now - ACTIVATION_WINDOW_MS, now],
  );
  return rows.map((row) => row.at);
}

export function checkLimit(tx: Tx, now: number): ActivationLimit {
  return checkActivationLimit(timestampsInWindow(tx, now), now);
}

export function countActivation(tx: Tx, now: number, serial: string, actor: string): void {
  tx.run('INSERT INTO activations (at, serial, actor) VALUES (?, ?, ?)', [now, serial, actor]);
}

/** Checked wrong codes one token may take in the window before its codes are not checked. */
export const TOKEN_ATTEMPT_LIMIT = 5;

/** Refusals of a code that was checked against the secret: each is a guess. */
const GUESS_CODES = [
  'WRONG_CODE',
  'INTERVAL_MISMATCH',
  'HASH_MISMATCH',
  'REPLAY',
  'STALE_CODE',
  'NEED_NEXT_CODE',
];

export interface AttemptLimit {
  isAllowed: boolean;
  retryAt: number | null;
  reason: string;
}

/** Whether another code may be checked for this token, from its refusals in the last window. */
export function checkTokenAttempts(tx: Tx, serial: string, now: number): AttemptLimit {
  const stamps = tx
    .all<{ at: number }>(
      `SELECT at FROM audit WHERE at > ? AND at <= ? AND action = 'activate' AND serial = ?
         AND outcome = 'refused' AND substr(reason, 1, instr(reason, ':') - 1) IN
         (${GUESS_CODES.map(() => '?').join(', ')})
       ORDER BY at`,
      [now - ACTIVATION_WINDOW_MS, now, serial, ...GUESS_CODES],
    )
    .map((row) => row.at);
  if (stamps.length < TOKEN_ATTEMPT_LIMIT) return { isAllowed: true, retryAt: null, reason: '' };

  // One attempt frees when the (count - limit + 1)-th oldest leaves the window.
  const retryAt = (stamps[stamps.length - TOKEN_ATTEMPT_LIMIT] as number) + ACTIVATION_WINDOW_MS;
  return {
    isAllowed: false,
    retryAt,
    reason:
      `${stamps.length} wrong codes for token '${serial}' in the last` +
      ` ${ACTIVATION_WINDOW_MS / 60_000} minutes reach the limit of ${TOKEN_ATTEMPT_LIMIT};` +
      ` this code was not checked; retry at ${describeTime(retryAt)}`,
  };
}

export function activationUsage(store: Store, now: number): ActivationUsage {
  const stamps = timestampsInWindow(store, now);
  const oldest = stamps[0];
  return {
    used: stamps.length,
    limit: ACTIVATION_LIMIT,
    windowSeconds: ACTIVATION_WINDOW_MS / 1000,
    nextSlotAt: oldest === undefined ? null : oldest + ACTIVATION_WINDOW_MS,
  };
}

/** Deletes rows that no longer count; returns how many. */
export function purgeActivations(store: Store, now: number): Promise<number> {
  return store.write((tx) => {
    tx.run('DELETE FROM activations WHERE at <= ?', [now - ACTIVATION_WINDOW_MS]);
    return tx.changes();
  });
}
