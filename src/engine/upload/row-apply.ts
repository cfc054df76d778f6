// Applies one checked row inside the batch's transaction: finds the user, applies the directory
// rules (guest, disabled, five methods) and inserts the token, or reports it unchanged when the
// same serial, secret and user are already there. Runs once per row: a new token for a user seen
// earlier in the batch costs one INSERT and nothing else.
import crypto from 'node:crypto';
import type { EngineContext } from '../context.js';
import { upnKey } from '../directory/directory.js';
import type { Tx } from '../store/store.js';
import { fail, type CheckedRow, type RowFailure } from './row-check.js';

export const MAX_METHODS = 5;

export type RowOutcome = 'imported' | 'unchanged' | RowFailure;

interface UserRow {
  id: number;
  upn: string;
  user_type: string;
  enabled: number;
}

/** A user as seen in this batch: its method count is kept current as rows are inserted. */
export interface BatchUser extends UserRow {
  methods: number;
}

interface ExistingToken {
  user_id: number | null;
  upn: string | null;
  secret: Uint8Array;
  algorithm: string;
  digits: number;
  interval_seconds: number;
}

const FIND_USER = 'SELECT id, upn, user_type, enabled FROM users WHERE upn_key = ?';
const COUNT_METHODS = 'SELECT count(*) AS n FROM tokens WHERE user_id = ?';
const FIND_SERIAL = `SELECT t.user_id, u.upn, t.secret, t.algorithm, t.digits, t.interval_seconds
  FROM tokens t LEFT JOIN users u ON u.id = t.user_id WHERE t.serial = ?`;
// A known serial is found by the conflict, which saves a lookup for every new token.
const INSERT_TOKEN = `INSERT INTO tokens (serial, kind, user_id, status, enabled, secret,
  algorithm, digits, interval_seconds, manufacturer, model, upload_id, created_at)
  VALUES (?, 'hardware', ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (serial) DO NOTHING`;

/**
 * Users looked up in the current transaction. Nothing else writes while it runs, so counts
 * kept here are exact; a new cache is made for every batch.
 */
export type UserCache = Map<string, BatchUser | null>;

function findUser(tx: Tx, cache: UserCache, upn: string): BatchUser | null {
  const key = upnKey(upn);
  let user = cache.get(key);
  if (user !== undefined) return user;

  const row = tx.get<UserRow>(FIND_USER, [key]);
  user = row
    ? { ...row, methods: Number(tx.get<{ n: number }>(COUNT_METHODS, [row.id])?.n) }
    : null;
  cache.set(key, user);
  return user;
}

export function applyRow(
  ctx: EngineContext,
  tx: Tx,
  cache: UserCache,
  row: CheckedRow,
  uploadId: string,
  now: number,
): RowOutcome {
  let user: BatchUser | null = null;
  if (row.upn !== '') {
    user = findUser(tx, cache, row.upn);
    const refusal = refuseUser(row.upn, user);
    if (refusal) return refusal;
  }

  if (user && user.methods >= MAX_METHODS) {
    const existing = tx.get<ExistingToken>(FIND_SERIAL, [row.serial]);
    if (existing) return compareExisting(ctx, row, user, existing);
    return fail(
      'USER_METHOD_LIMIT',
      `user '${user.upn}' already has ${user.methods} OATH methods; at most ${MAX_METHODS}` +
        ' are allowed (counting earlier rows of this file)',
      'remove a method from the user or give this token to someone else',
    );
  }

  tx.run(INSERT_TOKEN, [
    row.serial,
    user ? user.id : null,
    user ? 'assigned' : 'available',
    ctx.box.seal(row.key, 'seed'),
    row.algorithm,
    row.digits,
    row.interval,
    row.manufacturer,
    row.model,
    uploadId,
    now,
  ]);
  if (tx.changes() === 0) {
    const existing = tx.get<ExistingToken>(FIND_SERIAL, [row.serial]);
    if (existing) return compareExisting(ctx, row, user, existing);
  }
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
