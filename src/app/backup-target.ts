// Where a backup may be written: a new file outside the data directory. Writing into the data
// directory could replace its key, its socket or its database; an existing file is never
// overwritten without being asked.
import fs from 'node:fs';
import path from 'node:path';
import { AdminError, EXIT } from '../engine/errors.js';

export function checkBackupTarget(
  dataDir: string,
  file: string,
  isOverwriteAllowed: boolean,
): void {
  const target = path.resolve(file);
  const relative = path.relative(fs.realpathSync(dataDir), realParent(target));
  const isInside = relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  if (isInside) {
    throw new AdminError(
      'BACKUP_TARGET_INVALID',
      `${target} is inside the data directory`,
      EXIT.usage,
      'write backups elsewhere: a copy beside the data cannot survive losing it',
    );
  }

  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (stat?.isDirectory()) {
    throw new AdminError(
      'BACKUP_TARGET_INVALID',
      `${target} is a directory`,
      EXIT.usage,
      'name a file, e.g. ' + path.join(target, 'oathdesk-backup.db'),
    );
  }
  if (stat && !isOverwriteAllowed) {
    throw new AdminError(
      'BACKUP_TARGET_EXISTS',
      `${target} exists`,
      EXIT.usage,
      'choose a new name, or pass --force to replace it',
    );
  }
}

/** The real path of the file's directory (a symlink must not lead a backup into the data). */
function realParent(target: string): string {
  try {
    return path.join(fs.realpathSync(path.dirname(target)), path.basename(target));
  } catch {
    return target; // the directory does not exist: writing will fail with ENOENT
  }
}
