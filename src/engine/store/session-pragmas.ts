// Settings of the sql.js connection, applied when it is opened.
//
// Durability comes from our own journal (journal.ts), not from SQLite's: the database lives in
// memory (sqljs.ts). So SQLite's rollback journal is kept in memory rather than created and
// deleted as a file for every transaction, and the connection holds its lock for good instead of
// re-reading the file header before every statement. Together these made a small write
// transaction about four times cheaper when the database was still a sql.js file.
import type { Database } from 'sql.js';

export const SESSION_PRAGMAS =
  'PRAGMA foreign_keys = ON; PRAGMA journal_mode = MEMORY; ' +
  'PRAGMA locking_mode = EXCLUSIVE; PRAGMA synchronous = OFF';

export function applySessionPragmas(db: Database): void {
  db.exec(SESSION_PRAGMAS);
}
