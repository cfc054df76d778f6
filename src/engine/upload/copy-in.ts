// Copies the file an admin uploads into the data directory. What is wrong with their file is told
// as for any file they name (FILE_NOT_FOUND, FILE_ACCESS_DENIED, FILE_UNUSABLE), with their path
// only: the copy's path is inside the data directory and means nothing to them.
import fs from 'node:fs';
import { fileError } from '../file-error.js';

export async function copyIn(file: string, stored: string): Promise<void> {
  await checkReadable(file);
  await fs.promises.copyFile(file, stored);
  await fs.promises.chmod(stored, 0o600);
}

/** Opens the file as the copy will, so that Node's error names this path alone. */
async function checkReadable(file: string): Promise<void> {
  let isDirectory = false;
  try {
    const handle = await fs.promises.open(file, 'r');
    try {
      isDirectory = (await handle.stat()).isDirectory();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw fileError(error) ?? error;
  }
  // Linux opens a directory for reading; only reading it fails, and copyfile names both ends.
  if (isDirectory) {
    const error = Object.assign(new Error(`EISDIR: ${file}`), {
      code: 'EISDIR',
      syscall: 'read',
      path: file,
    });
    throw fileError(error) ?? error;
  }
}
