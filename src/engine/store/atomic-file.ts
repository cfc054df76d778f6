// Replaces a file so that a crash leaves either the old or the new one, never a torn mix: write a
// temporary file beside it, fsync it, rename it over the target, fsync the directory.
import fs from 'node:fs';
import path from 'node:path';

export function writeFileAtomically(file: string, data: Uint8Array): void {
  const temporary = `${file}.tmp`;
  const fd = fs.openSync(temporary, 'w', 0o600);
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
  syncDirectory(path.dirname(file));
}

export function syncDirectory(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
