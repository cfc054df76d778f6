// What every command needs: the data directory, the actor name, and a connection to the engine.
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { connect } from '../app/connect.js';
import type { AdminApi } from '../engine/admin-api.js';
import { EXIT, type ExitCode } from '../engine/errors.js';

/** `--data DIR`, else OATHDESK_DATA, else ./data. */
export function resolveDataDir(command: Command): string {
  const given = command.optsWithGlobals<{ data?: string }>().data;
  return path.resolve(given ?? process.env.OATHDESK_DATA ?? 'data');
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
 */
export async function withAdmin(
  command: Command,
  work: (admin: AdminApi) => Promise<ExitCode | void>,
): Promise<void> {
  const connection = await connect(resolveDataDir(command), actorName('cli'));
  try {
    const code = await work(connection.admin);
    process.exitCode = code ?? EXIT.ok;
  } finally {
    await connection.close();
  }
}

export function isJson(command: Command): boolean {
  return Boolean(command.opts<{ json?: boolean }>().json);
}
