// Settings of the sql.js connection, applied at open and again after every export (sql.js closes
// and reopens the database to export it, which resets them).
//
// Durability comes from our own journal (journal.ts), not from SQLite's: the database file lives
// in sql.js's in-memory file system. So SQLite's rollback journal is kept in memory rather than
// created and deleted as an in-memory file for every transaction, and the connection holds its
// lock for good instead of re-reading the file header before every statement. Together these make
// a small write transaction about four times cheaper (the verification path needs it).
import type { Database } from 'sql.js';

export const SESSION_PRAGMAS =
  'PRAGMA foreign_keys = ON; PRAGMA journal_mode = MEMORY; ' +
  'PRAGMA locking_mode = EXCLUSIVE; PRAGMA synchronous = OFF';

export function applySessionPragmas(db: Database): void {
  db.exec(SESSION_PRAGMAS);
}
