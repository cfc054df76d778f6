// The per-user lockout state in the `lockouts` table, and the server key that fingerprints wrong
// codes (so a repeat is recognised without storing the code; see otp/lockout.ts).
import crypto from 'node:crypto';
import type { EngineContext } from '../context.js';
import { EMPTY_LOCKOUT, type LockoutState } from '../otp/lockout.js';
import type { Tx } from '../store/store.js';

const FINGERPRINT_SETTING = 'lockout.fingerprintKey';
const FINGERPRINT_PURPOSE = 'lockout-fingerprint';

interface LockoutRow {
  failures: number;
  locked_until: number | null;
  last_code_fp: string | null;
  last_failure_at: number | null;
}

/** The user's state, or null when there is no row (no failure since the last success). */
export function readLockout(tx: Tx, userId: number): LockoutState | null {
  const row = tx.get<LockoutRow>(
    `SELECT failures, locked_until, last_code_fp, last_failure_at FROM lockouts
     WHERE user_id = ?`,
    [userId],
  );
  if (row === undefined) return null;

  return {
    failures: row.failures,
    lockedUntil: row.locked_until ?? null,
    lastCodeFp: row.last_code_fp ?? null,
    lastFailureAt: row.last_failure_at ?? null,
  };
}

export function writeLockout(tx: Tx, userId: number, state: LockoutState): void {
  if (state.failures === 0 && state.lockedUntil === null) {
    tx.run('DELETE FROM lockouts WHERE user_id = ?', [userId]);
    return;
  }

  tx.run(
    `INSERT INTO lockouts (user_id, failures, locked_until, last_code_fp, last_failure_at)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET failures = excluded.failures,
       locked_until = excluded.locked_until, last_code_fp = excluded.last_code_fp,
       last_failure_at = excluded.last_failure_at`,
    [userId, state.failures, state.lockedUntil, state.lastCodeFp, state.lastFailureAt],
  );
}

export function lockoutOrEmpty(state: LockoutState | null): LockoutState {
  return state ?? EMPTY_LOCKOUT;
}

/**
 * The fingerprint key, created on first use inside `tx` and kept sealed in `settings`, so a
 * repeated wrong code is still recognised after a restart.
 */
export function fingerprintKey(ctx: EngineContext, tx: Tx): Buffer {
  const row = tx.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [
    FINGERPRINT_SETTING,
  ]);
  if (row !== undefined) return ctx.box.open(Buffer.from(row.value, 'base64'), FINGERPRINT_PURPOSE);

  const key = crypto.randomBytes(32);
  const sealed = ctx.box.seal(key, FINGERPRINT_PURPOSE).toString('base64');
  tx.run('INSERT INTO settings (key, value) VALUES (?, ?)', [FINGERPRINT_SETTING, sealed]);
  return key;
}

/**
 * Which users have a lockout row, so that the common sign-in (no failure since the last success)
 * reads nothing from `lockouts`. Kept exact the conservative way: only the verifier writes
 * lockouts, through `write` here; an id is added when a row is written and dropped when it is
 * deleted; a user deleted with ON DELETE CASCADE can only leave an extra id, which costs one read
 * that finds nothing. After a failed transaction (rolled back) call `reset`: the set is read
 * again from the table, so a rolled-back delete can never hide a lockout.
 */
export class LockoutIndex {
  private users: Set<number> | null = null;

  read(tx: Tx, userId: number): LockoutState | null {
    this.users ??= new Set(
      tx.all<{ user_id: number }>('SELECT user_id FROM lockouts').map((row) => row.user_id),
    );
    return this.users.has(userId) ? readLockout(tx, userId) : null;
  }

  write(tx: Tx, userId: number, state: LockoutState): void {
    writeLockout(tx, userId, state);
    if (state.failures === 0 && state.lockedUntil === null) this.users?.delete(userId);
    else this.users?.add(userId);
  }

  reset(): void {
    this.users = null;
  }
}
