// What a batch needs from the database, read with a few set queries before its rows are applied:
// the serials it names that are already stored, and the users it names with their method counts.
// One `IN (...)` query per LOOKUP_PARAMS values replaces two or three statements per row. Nothing
// else writes while the batch's transaction runs, so what is read here stays exact; the counts
// are kept current as the batch queues its inserts.
import { upnKey } from '../directory/directory.js';
import type { SqlParam } from '../store/journal-codec.js';
import type { Tx } from '../store/store.js';

/** Values per lookup; a last short list is padded with NULL (which matches nothing). */
const LOOKUP_PARAMS = 500;
const PLACEHOLDERS = new Array<string>(LOOKUP_PARAMS).fill('?').join(', ');

const KNOWN_SERIALS = `SELECT serial FROM tokens WHERE serial IN (${PLACEHOLDERS})`;
const USERS = `SELECT id, upn, upn_key, user_type, enabled FROM users
  WHERE upn_key IN (${PLACEHOLDERS})`;
const METHOD_COUNTS = `SELECT user_id AS id, count(*) AS n FROM tokens
  WHERE user_id IN (${PLACEHOLDERS}) GROUP BY user_id`;

export interface BatchUser {
  id: number;
  upn: string;
  user_type: string;
  enabled: number;
  /** OATH methods the user has, counting the tokens this batch has queued. */
  methods: number;
}

export interface BatchLookups {
  /** Serials of the batch already in the database. */
  knownSerials: Set<string>;
  /** By UPN key; null for a UPN with no user. */
  users: Map<string, BatchUser | null>;
}

export function lookUpBatch(tx: Tx, serials: string[], upns: string[]): BatchLookups {
  const knownSerials = new Set<string>();
  for (const row of inChunks<{ serial: string }>(tx, KNOWN_SERIALS, serials)) {
    knownSerials.add(row.serial);
  }

  const keys = [...new Set(upns.map(upnKey))];
  const users = new Map<string, BatchUser | null>();
  for (const key of keys) users.set(key, null);
  const byId = new Map<number, BatchUser>();
  type Found = Omit<BatchUser, 'methods'> & { upn_key: string };
  for (const row of inChunks<Found>(tx, USERS, keys)) {
    const user: BatchUser = {
      id: row.id,
      upn: row.upn,
      user_type: row.user_type,
      enabled: row.enabled,
      methods: 0,
    };
    users.set(row.upn_key, user);
    byId.set(user.id, user);
  }

  const ids = [...byId.keys()];
  for (const row of inChunks<{ id: number; n: number }>(tx, METHOD_COUNTS, ids)) {
    const user = byId.get(row.id);
    if (user) user.methods = Number(row.n);
  }
  return { knownSerials, users };
}

function* inChunks<T>(tx: Tx, sql: string, values: SqlParam[]): Generator<T> {
  for (let start = 0; start < values.length; start += LOOKUP_PARAMS) {
    const params = values.slice(start, start + LOOKUP_PARAMS);
    while (params.length < LOOKUP_PARAMS) params.push(null);
    yield* tx.all<T>(sql, params);
  }
}
