// What a data directory holds before it is opened. A directory with none of our files is new, and
// opening it creates the database and the key. One with a key, a journal or queued uploads was
// used before: its database must be there, or opening it would silently start an empty one.
import fs from 'node:fs';
import path from 'node:path';
import { KEY_FILE } from '../crypto/secret-box.js';
import { JOURNAL_FILE } from './journal.js';
import { SNAPSHOT_FILE } from './snapshot.js';

export const UPLOADS_DIR = 'uploads';

/** Files that only a directory already used holds (the log and the lock come and go). */
const TRACES = [KEY_FILE, JOURNAL_FILE, UPLOADS_DIR];

export interface DataDirContents {
  /** Bytes in the snapshot file; null when there is none. */
  snapshotBytes: number | null;
  /** Which of the files of a used directory are present. */
  traces: string[];
}

export function inspectDataDir(dir: string): DataDirContents {
  const snapshot = fs.statSync(path.join(dir, SNAPSHOT_FILE), { throwIfNoEntry: false });
  return {
    snapshotBytes: snapshot ? snapshot.size : null,
    traces: TRACES.filter((name) => fs.existsSync(path.join(dir, name))),
  };
}

/** True when `dir` is absent, or holds neither a database nor any trace of one: a new directory. */
export function isUnusedDataDir(dir: string): boolean {
  if (!fs.existsSync(dir)) return true;
  const { snapshotBytes, traces } = inspectDataDir(dir);
  return snapshotBytes === null && traces.length === 0;
}
