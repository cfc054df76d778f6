// The tenant-wide activation limit over the `activations` table: each checked activation leaves a
// row, so the rolling window survives a restart. The window maths is otp/activation-limit.ts.
import {
  ACTIVATION_LIMIT,
  ACTIVATION_WINDOW_MS,
  checkActivationLimit,
  type ActivationLimit,
} from '../otp/activation-limit.js';
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
