// The snapshot file: the whole sql.js database, replaced atomically (temp file, fsync, rename,
// fsync of the directory). Its `meta.generation` names the journal that may follow it.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'sql.js';
import { applySessionPragmas } from './session-pragmas.js';

export const SNAPSHOT_FILE = 'oathdesk.db';

export function readGeneration(db: Database): number {
  try {
    const result = db.exec("SELECT value FROM meta WHERE key = 'generation'");
    return Number(result[0]?.values[0]?.[0] ?? 0);
  } catch {
    return 0; // a new database has no meta table yet
  }
}

export function writeSnapshotFile(db: Database, dir: string, generation: number): number {
  // The generation is written outside any journaled transaction: it describes the file itself.
  db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  db.run(
    "INSERT INTO meta (key, value) VALUES ('generation', ?) " +
      'ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    [String(generation)],
  );
  const data = db.export();
  applySessionPragmas(db);

  const file = path.join(dir, SNAPSHOT_FILE);
  const temporary = `${file}.tmp`;
  const fd = fs.openSync(temporary, 'w', 0o600);
  fs.writeSync(fd, data);
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(temporary, file);
  syncDirectory(dir);
  return generation;
}

function syncDirectory(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
