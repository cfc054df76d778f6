// Replaces a file so that a crash leaves either the old or the new one, never a torn mix: write a
// temporary file beside it, fsync it, rename it over the target, fsync the directory.
import fs from 'node:fs';
import path from 'node:path';

export function writeFileAtomically(file: string, data: Uint8Array): void {
  const temporary = `${file}.tmp`;
  try {
    const fd = fs.openSync(temporary, 'w', 0o600);
    try {
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
  } catch (error) {
    throw nameTarget(error, temporary, file);
  }
  syncDirectory(path.dirname(file));
}

// The temporary file is our detail: an error about it is reported against the file the caller
// asked for, which is the name the admin typed and can act on.
function nameTarget(error: unknown, temporary: string, file: string): unknown {
  const errno = error as NodeJS.ErrnoException | null;
  if (errno?.path !== temporary) return error;

  errno.path = file;
  errno.message = errno.message.split(temporary).join(file);
  return errno;
}

export function syncDirectory(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
