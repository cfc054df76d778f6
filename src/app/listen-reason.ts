// Why the RADIUS address cannot be bound, short enough for the TUI's header at 80 columns:
// words an admin can act on, then the errno to search for. Node's own message repeats the
// address, which pushed the reason off the edge.
import { errorMessage } from '../engine/errors.js';

const WORDS: Record<string, string> = {
  EADDRINUSE: 'in use',
  EACCES: 'port needs root',
  EPERM: 'port needs root',
  EADDRNOTAVAIL: 'not local',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'unknown host',
};

export function listenReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return errorMessage(error);

  const words = WORDS[code];
  return words ? `${words} (${code})` : code;
}
