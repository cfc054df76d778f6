// One structured logger per process, writing JSON lines to a file in the data directory (and to
// stderr for `oathdesk serve`). Never to the terminal while the TUI owns it; never a code, a seed
// or a shared secret in a log line.
import fs from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

export const LOG_FILE = 'oathdesk.log';

export function createLogger(dataDir: string, options: { toStderr?: boolean } = {}): Logger {
  // Owner-only, like the rest of the data directory: the log names users and clients.
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logPath = path.join(dataDir, LOG_FILE);
  fs.closeSync(fs.openSync(logPath, 'a', 0o600));
  const file = pino.destination({ dest: logPath, sync: false });
  const streams: pino.StreamEntry[] = [{ stream: file }];
  if (options.toStderr) streams.push({ stream: pino.destination(2) });

  return pino(
    { level: process.env.OATHDESK_LOG_LEVEL ?? 'info', base: { pid: process.pid } },
    pino.multistream(streams),
  );
}

/** A logger that drops everything; for tests and tools that do not own a data directory. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
