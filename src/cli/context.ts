// What every command needs: the data directory, the actor name, and a connection to the engine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { connect } from '../app/connect.js';
import type { AdminApi } from '../engine/admin-api.js';
import { AdminError, EXIT, type ExitCode } from '../engine/errors.js';
import { isUnusedDataDir } from '../engine/store/data-dir.js';
import { printWaitingUploads } from './waiting-uploads.js';

/**
 * `--data DIR`, else OATHDESK_DATA, else ./data. An empty value never means the working
 * directory (path.resolve('') is the cwd, where the key and database would land): an empty
 * OATHDESK_DATA counts as unset, an empty --data is refused.
 */
export function resolveDataDir(command: Command): string {
  const given = command.optsWithGlobals<{ data?: string }>().data;
  if (given === '') {
    throw new AdminError(
      'USAGE',
      'the data directory may not be empty (--data "")',
      EXIT.usage,
      'give --data a directory, or leave it out for $OATHDESK_DATA, else ./data',
    );
  }
  return path.resolve(given ?? (process.env.OATHDESK_DATA || 'data'));
}

export function actorName(face: 'cli' | 'tui'): string {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    user = process.env.USER ?? 'unknown';
  }
  return `${face}:${user}`;
}

/**
 * Runs `work` against the engine and sets the exit code it returns. Errors are printed by main.
 * `via.isServer`: the command went through a running server's control socket, so the files it
 * names are opened by that process, as its user and in its view of the file system.
 */
export async function withAdmin(
  command: Command,
  work: (admin: AdminApi, via: { isServer: boolean }) => Promise<ExitCode | void>,
  options: { createsData?: boolean } = {},
): Promise<void> {
  const dataDir = resolveDataDir(command);
  checkDataDir(dataDir, options.createsData ?? false);
  const connection = await connect(dataDir, actorName('cli'));
  let isDone = false;
  try {
    const code = await work(connection.admin, { isServer: connection.runtime === null });
    process.exitCode = code ?? EXIT.ok;
    isDone = true;
  } finally {
    // Under --json a failing command's stderr is its one JSON error: the note is left out then.
    if (isDone || !isJson(command)) printWaitingUploads(connection.waitingUploads());
    await connection.close();
  }
}

export function isJson(command: Command): boolean {
  // `users --json` and `users import --json` share the name: commander may give it to either.
  return Boolean(command.optsWithGlobals<{ json?: boolean }>().json);
}

/**
 * Whether a command parsed so far was given --json, for errors that reach main without their
 * command. Only the commands on the path the arguments took have parsed options.
 */
export function isJsonAnywhere(command: Command): boolean {
  return Boolean(command.opts<{ json?: boolean }>().json) || command.commands.some(isJsonAnywhere);
}

/**
 * A command that only reads refuses a data directory that does not exist or holds nothing of
 * ours: a typo in --data must not quietly create an empty database with a new key. (A directory
 * used before whose database is gone is refused by the store, as DATABASE_MISSING.)
 */
export function checkDataDir(dataDir: string, createsData: boolean): void {
  const stat = fs.statSync(dataDir, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) {
    throw new AdminError(
      'DATA_DIR_INVALID',
      `${dataDir} is not a directory`,
      EXIT.unavailable,
      'give --data a directory (it is created on first use)',
    );
  }
  if (!stat && !createsData) {
    throw new AdminError(
      'DATA_DIR_MISSING',
      `no data directory ${dataDir}`,
      EXIT.unavailable,
      'check --data or OATHDESK_DATA; `users import`, `upload`, `serve` or the TUI create it',
    );
  }
  if (stat && !createsData && isUnusedDataDir(dataDir)) {
    throw new AdminError(
      'DATA_DIR_EMPTY',
      `${dataDir} holds no oathdesk data`,
      EXIT.unavailable,
      'check --data or OATHDESK_DATA; `users import`, `upload`, `serve` or the TUI ' +
        '(`npm start`) set a new one up; nothing was changed',
    );
  }
}
