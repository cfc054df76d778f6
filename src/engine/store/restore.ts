// Restores a backup into a data directory no process uses: the backup becomes the snapshot and
// the journal is discarded (it belongs to the database being replaced).
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from './atomic-file.js';
import { AdminError, EXIT } from '../errors.js';
import { KEY_CHECK } from '../crypto/key-check.js';
import { lockDirectory } from './lock.js';
import { loadSqlJs } from './sqljs.js';
import { createJournalFile, JOURNAL_FILE } from './journal.js';
import { readGeneration, SNAPSHOT_FILE } from './snapshot.js';

/** `keyFingerprint`: of the key the directory will be opened with; the backup must match it. */
export async function restoreSnapshot(
  dataDir: string,
  backupFile: string,
  keyFingerprint: string,
): Promise<void> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = lockDirectory(dataDir);
  try {
    const data = fs.readFileSync(backupFile);
    const SQL = await loadSqlJs();
    let sealedWith: unknown;
    let generation: number;
    try {
      const db = new SQL.Database(data);
      generation = readGeneration(db);
      db.exec("SELECT value FROM meta WHERE key = 'schema_version'");
      sealedWith = db.exec(`SELECT value FROM settings WHERE key = '${KEY_CHECK}'`)[0]
        ?.values[0]?.[0];
      db.close();
    } catch (error) {
      throw new AdminError(
        'BACKUP_INVALID',
        `${backupFile} is not an oathdesk backup: ${(error as Error).message}`,
        EXIT.usage,
      );
    }

    if (sealedWith !== undefined && sealedWith !== keyFingerprint) {
      throw new AdminError(
        'KEY_MISMATCH',
        `${backupFile} was sealed with another key than the one of ${dataDir}`,
        EXIT.unavailable,
        'copy the secret.key of the backed-up directory in first; nothing was changed',
      );
    }

    // The old journal belongs to the database being replaced; an empty one follows the backup
    // (a directory with a database and no journal is refused as damaged). A crash between the
    // two leaves them of unrelated generations, refused at open: run the restore again.
    createJournalFile(path.join(dataDir, JOURNAL_FILE), generation);
    writeFileAtomically(path.join(dataDir, SNAPSHOT_FILE), data);
  } finally {
    lock.release();
  }
}
