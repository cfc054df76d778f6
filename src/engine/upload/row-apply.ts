// Applies one checked row inside the batch's transaction: finds the user, applies the directory
// rules (guest, disabled, five methods) and queues the token's insert, or reports it unchanged
// when the same serial, secret and user are already there. The batch's users and known serials
// were read beforehand (batch-lookups.ts), so a new token costs no statement of its own here.
import crypto from 'node:crypto';
import type { EngineContext } from '../context.js';
import { upnKey } from '../directory/directory.js';
import type { Tx } from '../store/store.js';
import type { BatchLookups, BatchUser } from './batch-lookups.js';
import { fail, type CheckedRow, type RowFailure } from './row-check.js';
import type { TokenInserter } from './token-insert.js';

export const MAX_METHODS = 5;

export type RowOutcome = 'imported' | 'unchanged' | RowFailure;

interface UserRow {
  id: number;
  upn: string;
  user_type: string;
  enabled: number;
}

interface ExistingToken {
  user_id: number | null;
  upn: string | null;
  secret: Uint8Array;
  algorithm: string;
  digits: number;
  interval_seconds: number;
}

const FIND_SERIAL = `SELECT t.user_id, u.upn, t.secret, t.algorithm, t.digits, t.interval_seconds
  FROM tokens t LEFT JOIN users u ON u.id = t.user_id WHERE t.serial = ?`;

export function applyRow(
  ctx: EngineContext,
  tx: Tx,
  lookups: BatchLookups,
  inserter: TokenInserter,
  row: CheckedRow,
  sealedSecret: Buffer,
): RowOutcome {
  let user: BatchUser | null = null;
  if (row.upn !== '') {
    user = lookups.users.get(upnKey(row.upn)) ?? null;
    const refusal = refuseUser(row.upn, user);
    if (refusal) return refusal;
  }

  if (lookups.knownSerials.has(row.serial)) {
    const existing = tx.get<ExistingToken>(FIND_SERIAL, [row.serial]);
    if (existing) return compareExisting(ctx, row, user, existing);
  }

  if (user && user.methods >= MAX_METHODS) {
    return fail(
      'USER_METHOD_LIMIT',
      `user '${user.upn}' already has ${user.methods} OATH methods; at most ${MAX_METHODS}` +
        ' are allowed (counting earlier rows of this file)',
      'remove a method from the user or give this token to someone else',
    );
  }

  inserter.add({
    serial: row.serial,
    userId: user ? user.id : null,
    sealedSecret,
    algorithm: row.algorithm,
    digits: row.digits,
    interval: row.interval,
    manufacturer: row.manufacturer,
    model: row.model,
  });
  if (user) user.methods++;
  return 'imported';
}

function refuseUser(upn: string, user: UserRow | null): RowFailure | null {
  if (!user) {
    return fail(
      'USER_NOT_FOUND',
      `user '${upn}' does not exist in the tenant directory`,
      'import the user first (oathdesk users import) or correct the UPN',
    );
  }
  if (user.user_type === 'guest') {
    return fail(
      'USER_GUEST',
      `user '${user.upn}' is a guest; hardware tokens cannot be assigned to guest users`,
      'give the token to a member account',
    );
  }
  if (user.enabled !== 1) {
    return fail(
      'USER_DISABLED',
      `user '${user.upn}' is disabled`,
      'enable the user first, or leave the UPN empty to keep the token in inventory',
    );
  }
  return null;
}

function compareExisting(
  ctx: EngineContext,
  row: CheckedRow,
  user: UserRow | null,
  existing: ExistingToken,
): RowOutcome {
  const userId = user ? user.id : null;
  if (existing.user_id !== userId) {
    const holder = existing.upn ? `user '${existing.upn}'` : 'inventory (unassigned)';
    return fail(
      'SERIAL_HELD',
      `serial '${row.serial}' is already registered to ${holder}`,
      existing.upn
        ? 'one token belongs to one user: unassign it first if it changed hands'
        : 'assign the inventory token to the user instead of uploading it again',
    );
  }

  const stored = ctx.box.open(existing.secret, 'seed');
  const isSameSecret = stored.length === row.key.length && crypto.timingSafeEqual(stored, row.key);
  stored.fill(0);
  if (!isSameSecret) {
    return fail(
      'SERIAL_SECRET_MISMATCH',
      `serial '${row.serial}' is already registered with a different secret key`,
      'if the vendor re-seeded the token, delete the old token before uploading it again',
    );
  }

  const isSameSettings =
    existing.algorithm === row.algorithm &&
    existing.digits === row.digits &&
    existing.interval_seconds === row.interval;
  if (!isSameSettings) {
    return fail(
      'SERIAL_SETTINGS_MISMATCH',
      `serial '${row.serial}' is already registered as ${existing.algorithm}, ` +
        `${existing.digits} digits, ${existing.interval_seconds} s; this row says ` +
        `${row.algorithm}, ${row.digits} digits, ${row.interval} s`,
      'delete the old token first if its settings were wrong',
    );
  }
  return 'unchanged';
}
