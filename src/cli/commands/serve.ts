// `oathdesk` (the TUI with the RADIUS server embedded), `oathdesk serve` and `oathdesk attach`.
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { connectSocket, remoteAdmin } from '../../app/remote-admin.js';
import { socketPath } from '../../app/control-protocol.js';
import { OwnerRuntime } from '../../app/owner-runtime.js';
import { parseListen } from '../../app/radius-wiring.js';
import { AdminError, EXIT } from '../../engine/errors.js';
import { isUnusedDataDir } from '../../engine/store/data-dir.js';
import { actorName, resolveDataDir } from '../context.js';

export const DEFAULT_LISTEN = '0.0.0.0:1812';

/** The TUI needs a terminal on both ends; over `ssh host oathdesk` there is none without -t. */
function requireTerminal(): void {
  if (process.stdin.isTTY && process.stdout.isTTY) return;
  throw new AdminError(
    'NO_TERMINAL',
    'the TUI needs a terminal, and standard input or output is not one',
    EXIT.usage,
    'run it in a terminal (ssh -t host oathdesk), or use `oathdesk serve` and the commands',
  );
}

/**
 * Ink and React take about 0.7 s to load: only the TUI pays for them, and it starts loading them
 * while the data directory opens.
 */
function loadTui() {
  const loading = import('../../tui/run-tui.js');
  // Awaited later; a failure is reported there, not as an unhandled rejection meanwhile.
  loading.catch(() => undefined);
  return loading;
}

async function attach(dataDir: string): Promise<void> {
  requireTerminal();
  const tui = loadTui();
  const file = socketPath(dataDir);
  let socket;
  try {
    socket = await connectSocket(file);
  } catch {
    throw new AdminError(
      'NOT_RUNNING',
      `no oathdesk serves ${dataDir}`,
      EXIT.unavailable,
      'start one with: oathdesk serve --data ' + dataDir,
    );
  }
  const remote = remoteAdmin(socket, actorName('tui'));
  let isServerGone = false;
  const serverGone = remote.closed.then(() => {
    isServerGone = true;
  });
  try {
    const { runTui } = await tui;
    await runTui({ admin: remote.admin, isAttached: true, closeWhen: serverGone });
  } finally {
    remote.close();
  }
  // The server went away under the TUI: say so, rather than leave a screen of stale figures.
  if (isServerGone) {
    throw new AdminError(
      'CONTROL_CLOSED',
      `the oathdesk serving ${dataDir} stopped`,
      EXIT.unavailable,
      'start it again (oathdesk serve), then attach',
    );
  }
}

async function openTui(dataDir: string, listen: string): Promise<void> {
  requireTerminal();
  if (fs.existsSync(socketPath(dataDir))) {
    try {
      return await attach(dataDir);
    } catch {
      // A socket file left by a process that died: own the directory ourselves.
    }
  }
  const tui = loadTui();
  const runtime = await OwnerRuntime.start({ dataDir, listen, isListenOptional: true });
  try {
    const { runTui } = await tui;
    await runTui({ admin: runtime.admin(actorName('tui')), isAttached: false });
  } finally {
    await runtime.close();
  }
}

async function serve(dataDir: string, listen: string): Promise<void> {
  // Refused before the data directory is opened: a typo must not create it or purge it.
  parseListen(listen);
  const runtime = await startOrLeaveNothing(dataDir, () =>
    OwnerRuntime.start({ dataDir, listen, logToStderr: true }),
  );
  const logger = runtime.engine.logger;
  logger.info({ dataDir, listen: runtime.radius?.listen }, 'oathdesk serving');

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'stopping');
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  await runtime.close();
  logger.info({}, 'stopped');
}

/** `serve` prints nothing to read: its output is its log, JSON lines on stderr already. */
function refuseJson(): never {
  throw new AdminError(
    'USAGE',
    'serve does not take --json: it prints no result, and its log on stderr is JSON lines already',
    EXIT.usage,
    'run `oathdesk serve` without --json and read its stderr as JSON lines',
  );
}

/**
 * The program and `serve` both take --listen; commander hands it to whichever parses it first,
 * so read it from either.
 */
function listenOf(command: Command): string {
  return command.optsWithGlobals<{ listen?: string }>().listen ?? DEFAULT_LISTEN;
}

export function registerServeCommands(program: Command): void {
  program
    .option('--listen <host:port>', `RADIUS address for the embedded server (${DEFAULT_LISTEN})`)
    .action(async (_options, command: Command) => {
      await openTui(resolveDataDir(command), listenOf(command));
    });

  program
    .command('serve')
    .description('run the RADIUS server alone (for a service manager); logs JSON to stderr')
    .option('--listen <host:port>', `address to listen on (${DEFAULT_LISTEN})`)
    // Known, so that it is refused with the reason rather than as an unknown option.
    .addOption(new Option('--json').hideHelp())
    .action(async (options: { json?: boolean }, command: Command) => {
      if (options.json) refuseJson();
      await serve(resolveDataDir(command), listenOf(command));
    });

  program
    .command('attach')
    .description('open the TUI on a running `oathdesk serve` through its control socket')
    .action(async (_options, command: Command) => {
      await attach(resolveDataDir(command));
    });
}

/**
 * Starts the owner; if that fails (the port cannot be bound, say) in a directory that held
 * nothing of ours before, the files the attempt created go again, so a failed `serve` does not
 * leave a new database and key behind.
 */
async function startOrLeaveNothing(
  dataDir: string,
  start: () => Promise<OwnerRuntime>,
): Promise<OwnerRuntime> {
  const existed = fs.existsSync(dataDir);
  const before = new Set(existed ? fs.readdirSync(dataDir) : []);
  const wasUnused = isUnusedDataDir(dataDir);
  try {
    return await start();
  } catch (error) {
    if (wasUnused && !existed) fs.rmSync(dataDir, { recursive: true, force: true });
    else if (wasUnused) {
      for (const name of fs.readdirSync(dataDir)) {
        if (!before.has(name))
          fs.rmSync(path.join(dataDir, name), { recursive: true, force: true });
      }
    }
    throw error;
  }
}
