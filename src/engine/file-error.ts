// A file the admin named cannot be read or written: their input, not our bug. Node's errno
// becomes one of three stable codes, so that a script need not know errno names; the errno
// stays in the message.
import { AdminError, EXIT } from './errors.js';

const NOT_FOUND = ['ENOENT', 'ENOTDIR'];
const DENIED = ['EACCES', 'EPERM', 'EROFS'];

/** The AdminError for a failed file operation, or null when `error` is not one. */
export function fileError(error: unknown): AdminError | null {
  const errno = error as NodeJS.ErrnoException | null;
  if (typeof errno?.code !== 'string' || typeof errno.syscall !== 'string') return null;

  const where = errno.path ? ` ${errno.path}` : '';
  const message = `cannot ${errno.syscall}${where}: ${errno.code}`;
  if (NOT_FOUND.includes(errno.code)) {
    return new AdminError(
      'FILE_NOT_FOUND',
      message,
      EXIT.usage,
      'check the path; a file is written only into a directory that exists',
    );
  }
  if (DENIED.includes(errno.code)) {
    return new AdminError(
      'FILE_ACCESS_DENIED',
      message,
      EXIT.usage,
      'check the permissions of the file and of its directory',
    );
  }
  return new AdminError(
    'FILE_UNUSABLE',
    message,
    EXIT.usage,
    'check that the path names a file, not a directory, and that the disk has room',
  );
}
