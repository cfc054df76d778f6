// Errors that reach an admin. Each has a stable code (documented in docs/errors.md), names the
// offending value and says what to do. A refused code is not an error: see CodeDecision.

/** Process exit codes, documented in the README and stable across releases. */
export const EXIT = {
  ok: 0,
  /** A code was refused, or a rule refused the action (guest, five methods, token held...). */
  refused: 1,
  /** Bad usage, or an input file that could not be processed at all. */
  usage: 2,
  /** An upload finished, but some rows failed; see `oathdesk failures ID`. */
  rowsFailed: 3,
  /** The data directory cannot be used: owned by another process, unreadable, corrupt. */
  unavailable: 4,
  /** A bug: the message and the log file say more. */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class AdminError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: ExitCode = EXIT.refused,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'AdminError';
  }
}

export function notFound(what: string, value: string, hint?: string): AdminError {
  return new AdminError(
    `${what.toUpperCase()}_NOT_FOUND`,
    `no ${what} '${value}'`,
    EXIT.refused,
    hint,
  );
}

/** A message for any thrown value, for status lines and CLI output. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
