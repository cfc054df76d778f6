// Users and their activated, enabled tokens kept in memory for the sign-in path, so a
// verification reads nothing from sql.js (two statements and their row decoding saved per
// request). Exact by construction rather than by expiry:
// - the store is written only by this process, and the index sees every committed transaction
//   (Store.onCommit); any statement it does not own that names `users` or `tokens` (an admin
//   action, an upload, a directory import, an activation or resync) empties the whole index, and
//   entries are read afresh from the store when next needed;
// - the verifier's own change (offset and last step of the token that matched) is applied to
//   the entry in the same synchronous step as its UPDATE, before any await;
// - after a verification transaction that failed (rolled back), the verifier empties it.
import { upnKey } from '../directory/directory.js';
import type { Store, TransactionRecord, Tx } from '../store/store.js';
import type { SecretRow } from './secret-row.js';
import {
  readSignInTokens,
  readSignInUser,
  toSignInUser,
  type SignInUser,
  type UserRow,
} from './sign-in-query.js';

export interface IndexedUser {
  user: SignInUser;
  /** Activated, enabled tokens, by id. The verifier updates offset_steps and last_step. */
  tokens: SecretRow[];
}

/** Default bound, as for the key cache: a few hundred bytes per user. */
export const DEFAULT_SIGN_IN_INDEX_SIZE = 100_000;

const NAMES_SIGN_IN_TABLES = /\b(users|tokens)\b/i;

export class SignInIndex {
  private byKey = new Map<string, IndexedUser>();
  private readonly owned = new Set<string>();
  private generation = 0;

  constructor(
    store: Store,
    private readonly capacity = DEFAULT_SIGN_IN_INDEX_SIZE,
  ) {
    store.onCommit((record) => this.observe(record));
  }

  /** Statements whose effect the owner applies to the entries itself. */
  own(sql: string): void {
    this.owned.add(sql);
  }

  /** The entry for `upn`, read from `tx` and kept when not yet known; undefined: no such user. */
  lookup(tx: Tx, upn: string): IndexedUser | undefined {
    const key = upnKey(upn);
    const known = this.byKey.get(key);
    if (known !== undefined) return known;

    const user = readSignInUser(tx, key);
    if (user === undefined) return undefined;
    const entry = { user, tokens: readSignInTokens(tx, user.id).map(compact) };
    this.keep(key, entry);
    return entry;
  }

  /** Forgets every entry; they are read again from the store when needed. */
  clear(): void {
    this.byKey.clear();
    this.generation++;
  }

  get size(): number {
    return this.byKey.size;
  }

  /**
   * Reads up to `limit` users (lowest id first) with their tokens in slices, between turns of
   * the event loop, so that the first sign-in of each after a start is a hit too. A slice read
   * after the index was emptied is still exact (read at that moment); the fill stops there.
   */
  async fill(store: Store, limit = this.capacity, sliceRows = 1_000): Promise<number> {
    const generation = this.generation;
    let after = 0;
    let filled = 0;
    while (filled < limit && generation === this.generation) {
      const users = store.all<UserRow>(FILL_USERS, [after, sliceRows]);
      if (users.length === 0) break;

      const last = users[users.length - 1]?.id ?? after;
      const rows = store.all<SecretRow & { user_id: number }>(FILL_TOKENS, [after, last]);
      const byUser = new Map<number, SecretRow[]>();
      for (const { user_id: userId, ...row } of rows) {
        const list = byUser.get(userId) ?? [];
        list.push(compact(row));
        byUser.set(userId, list);
      }
      for (const row of users) {
        if (this.byKey.has(row.upn_key)) continue;
        const user = toSignInUser(row);
        this.keep(row.upn_key, { user, tokens: byUser.get(user.id) ?? [] });
      }
      filled += users.length;
      after = last;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return filled;
  }

  private keep(key: string, entry: IndexedUser): void {
    this.byKey.set(key, entry);
    if (this.byKey.size <= this.capacity) return;

    // First in, first out, like the key cache: an evicted user is simply read again. The oldest
    // sixteenth goes in one walk, for the reason given in key-cache.ts (deleted Map slots).
    let count = Math.max(1, this.capacity >> 4);
    for (const oldest of this.byKey.keys()) {
      if (count-- === 0) break;
      this.byKey.delete(oldest);
    }
  }

  private observe(record: TransactionRecord): void {
    for (const sql of record.sql) {
      if (!this.owned.has(sql) && NAMES_SIGN_IN_TABLES.test(sql)) {
        this.clear();
        return;
      }
    }
  }
}

// sql.js gives each blob an ArrayBuffer of its own; a copy into Node's shared pool keeps a
// 64-byte sealed seed from costing several hundred bytes for every indexed token.
function compact(row: SecretRow): SecretRow {
  row.secret = Buffer.from(row.secret);
  return row;
}

const FILL_USERS = `SELECT id, upn, upn_key, user_type, enabled FROM users
  WHERE id > ? ORDER BY id LIMIT ?`;
const FILL_TOKENS = `SELECT id, serial, secret, algorithm, digits, interval_seconds,
    offset_steps, last_step, user_id
  FROM tokens WHERE user_id > ? AND user_id <= ? AND enabled = 1 AND status = 'activated'
  ORDER BY id`;
