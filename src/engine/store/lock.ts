// One process owns a data directory. The lock file holds the owner's pid; a lock left by a process
// that no longer runs (killed with SIGKILL, power cut) is taken over.
import fs from 'node:fs';
import path from 'node:path';
import { AdminError, EXIT } from '../errors.js';

export const LOCK_FILE = 'oathdesk.lock';

export interface DirectoryLock {
  release(): void;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function lockDirectory(dir: string): DirectoryLock {
  const lockPath = path.join(dir, LOCK_FILE);

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx', 0o600);
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      return { release: () => releaseIfOurs(lockPath) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }

    const owner = readOwner(lockPath);
    if (owner !== null && owner !== process.pid && isRunning(owner)) {
      throw new AdminError(
        'DATA_DIR_IN_USE',
        `data directory ${dir} is in use by process ${owner}`,
        EXIT.unavailable,
        'stop that process, or use its control socket (the CLI does so when it is reachable)',
      );
    }
    fs.rmSync(lockPath, { force: true });
  }
  throw new AdminError('DATA_DIR_LOCK', `could not lock ${lockPath}`, EXIT.unavailable);
}

function releaseIfOurs(lockPath: string): void {
  if (readOwner(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
}
