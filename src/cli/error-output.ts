// How a failed command is told to the admin: a line with the code and a hint, or, under --json,
// one JSON object that a script can read. The exit code is the same either way.
import { CommanderError } from 'commander';
import { AdminError, EXIT, errorMessage, type ExitCode } from '../engine/errors.js';
import { fileError } from '../engine/file-error.js';
import { printable } from '../engine/printable.js';
import { printLine } from './output.js';

export interface Failure {
  code: string;
  message: string;
  hint: string | null;
  exitCode: ExitCode;
  /** The text form, when it is not the usual `oathdesk: MESSAGE [CODE]` and hint. */
  text?: string;
}

/** What went wrong, or null for commander's help and version, which are not failures. */
export function failureOf(error: unknown, usageText: string): Failure | null {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return null;
    return {
      code: 'USAGE',
      message: error.message.replace(/^error: /, ''),
      hint: 'add --help to the command to see its arguments and options',
      exitCode: EXIT.usage,
      text: usageText,
    };
  }
  const known = error instanceof AdminError ? error : fileError(error);
  if (known) {
    return {
      code: known.code,
      message: known.message,
      hint: known.hint ?? null,
      exitCode: known.exitCode,
    };
  }
  const message = errorMessage(error);
  return {
    code: 'INTERNAL',
    message,
    hint: 'the log file oathdesk.log in the data directory says more',
    exitCode: EXIT.internal,
    text: `oathdesk: internal error: ${message}\n`,
  };
}

/**
 * Whether the command line asks for --json, read from the words themselves: a usage error (an
 * unknown command, or --json given to a command without it) comes before any option is parsed.
 */
export function asksForJson(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).includes('--json');
}

export function printFailure(failure: Failure, isJson: boolean): void {
  if (isJson) {
    const { code, message, hint } = failure;
    process.stderr.write(JSON.stringify({ error: { code, message, hint } }) + '\n');
    return;
  }
  // A message may quote a file name or a value from a file: its control characters are escaped.
  if (failure.text !== undefined) {
    process.stderr.write(failure.text.split('\n').map(printable).join('\n'));
    return;
  }
  printLine(`oathdesk: ${failure.message} [${failure.code}]`, process.stderr);
  if (failure.hint) printLine(`  hint: ${failure.hint}`, process.stderr);
}
