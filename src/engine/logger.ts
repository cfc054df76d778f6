// One structured logger per process, writing JSON lines to a file in the data directory (and to
// stderr for `oathdesk serve`). Never to the terminal while the TUI owns it; never a code, a seed
// or a shared secret in a log line.
import path from 'node:path';
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

export const LOG_FILE = 'oathdesk.log';

export function createLogger(dataDir: string, options: { toStderr?: boolean } = {}): Logger {
  const file = pino.destination({ dest: path.join(dataDir, LOG_FILE), sync: false, mkdir: true });
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
