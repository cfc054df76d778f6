// The copy of an uploaded file that waits in the data directory: always `uploads/<id>.csv` of the
// directory that opened it. The path stored with the upload is not followed: a backup restored
// into another directory still names the backed-up directory's file, and a restored directory
// must never read, or delete, another directory's files.
import path from 'node:path';
import { UPLOADS_DIR } from '../store/data-dir.js';
import { FileProblem } from './file-problem.js';

/** Where `queue` puts the copy, relative to the data directory (what the upload row records). */
export function uploadCopyName(id: string): string {
  return path.join(UPLOADS_DIR, `${id}.csv`);
}

/** The copy in `dataDir`; null for an id `queue` cannot have made (it makes 8 hex digits). */
export function uploadCopyPath(dataDir: string, id: string): string | null {
  return /^[0-9a-f]+$/.test(id) ? path.join(dataDir, uploadCopyName(id)) : null;
}

/** Why an upload left queued or processing cannot go on: its copy is not in this directory. */
export function missingCopy(fileName: string): FileProblem {
  return new FileProblem(
    'UPLOAD_FILE_MISSING',
    `the copy of '${fileName}' is not in this data directory's ${UPLOADS_DIR}/ ` +
      '(a backup holds the database only)',
    0,
    'upload the file again',
  );
}
