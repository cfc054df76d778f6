// Where a backup may be written: a new file outside the data directory. Writing into the data
// directory could replace its key, its socket or its database; an existing file is never
// overwritten without being asked, and nothing but a regular file ever (the write renames a new
// file over the name: a device, FIFO or socket there would be replaced, a symlink's target not).
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

  // lstat: a symlink is judged itself, not by what it points to (see notRegularReason).
  const stat = fs.lstatSync(target, { throwIfNoEntry: false });
  if (stat?.isDirectory()) {
    throw new AdminError(
      'BACKUP_TARGET_INVALID',
      `${target} is a directory`,
      EXIT.usage,
      'name a file, e.g. ' + path.join(target, 'oathdesk-backup.db'),
    );
  }
  const notRegular = stat && !stat.isFile() ? notRegularReason(target, stat) : null;
  if (notRegular) {
    throw new AdminError(
      'BACKUP_TARGET_INVALID',
      `${target} ${notRegular}, not a regular file`,
      EXIT.usage,
      'name a new file or an existing regular file; nothing was written',
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

/**
 * What an existing target other than a regular file or a directory is. A symlink is refused
 * whatever it points to: the backup would replace the link itself, never write through it.
 */
function notRegularReason(target: string, stat: fs.Stats): string {
  if (stat.isSymbolicLink()) return `is a symbolic link (to ${fs.readlinkSync(target)})`;
  if (stat.isFIFO()) return 'is a FIFO (named pipe)';
  if (stat.isSocket()) return 'is a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'is a device';
  return 'is a special file';
}

/** The real path of the file's directory (a symlink must not lead a backup into the data). */
function realParent(target: string): string {
  try {
    return path.join(fs.realpathSync(path.dirname(target)), path.basename(target));
  } catch {
    return target; // the directory does not exist: writing will fail with ENOENT
  }
}
