import { AdminError, errorMessage } from '../../engine/errors.js';

export type Tone = 'ok' | 'warn' | 'error' | 'muted';

/** One line of feedback for the status line or a dialog. */
export interface Status {
  tone: Tone;
  text: string;
}

/** An error as an admin reads it: the message, and the hint when the engine gave one. */
export function errorStatus(error: unknown): Status {
  const hint = error instanceof AdminError && error.hint ? ` (${error.hint})` : '';

  return { tone: 'error', text: errorMessage(error) + hint };
}
