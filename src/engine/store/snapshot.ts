// The snapshot file: the whole sql.js database, replaced atomically (temp file, fsync, rename,
// fsync of the directory). Its `meta.generation` names the journal that may follow it.
import path from 'node:path';
import { writeFileAtomically } from './atomic-file.js';
import type { Database } from 'sql.js';

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
  writeFileAtomically(path.join(dir, SNAPSHOT_FILE), data);
  return generation;
}
