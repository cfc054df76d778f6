// `oathdesk tokens` and `token SERIAL`; the lifecycle commands are in token-lifecycle.ts.
import type { Command } from 'commander';
import type { TokenQuery } from '../../engine/admin-api.js';
import { AdminError, EXIT } from '../../engine/errors.js';
import type { TokenSummary } from '../../engine/types.js';
import { isJson, withAdmin } from '../context.js';
import { formatTime, printJson, printLine, printLines, printTable } from '../output.js';
import { registerTokenLifecycleCommands } from './token-lifecycle.js';

const STATUSES = ['available', 'assigned', 'activated', 'failedActivation', 'disabled'];

function kindMark(token: TokenSummary): string {
  return token.kind === 'hardware' ? '[HW]' : '[SW]';
}

export function steps(count: number): string {
  return `${count} ${Math.abs(count) === 1 ? 'step' : 'steps'}`;
}

function drift(token: TokenSummary): string {
  return `${token.driftSeconds >= 0 ? '+' : ''}${token.driftSeconds}s`;
}

export function printTokens(rows: TokenSummary[]): void {
  printTable(
    ['', 'SERIAL', 'STATUS', 'ENABLED', 'USER', 'MODEL', 'STEP', 'DRIFT', 'LAST USE'],
    rows.map((token) => [
      kindMark(token),
      token.serial,
      token.status,
      token.isEnabled ? 'yes' : 'no',
      token.upn ?? '-',
      `${token.manufacturer} ${token.model}`.trim(),
      `${token.intervalSeconds}s`,
      drift(token),
      formatTime(token.lastUsedAt),
    ]),
  );
}

function statusOf(value: string | undefined): TokenQuery['status'] {
  if (value === undefined || STATUSES.includes(value)) return value as TokenQuery['status'];
  throw new AdminError(
    'STATUS_INVALID',
    `--status '${value}' is not a token status`,
    EXIT.usage,
    `use one of: ${STATUSES.join(', ')}`,
  );
}

export function positive(value: string, option: string): number {
  const number = Number(value);
  if (Number.isInteger(number) && number > 0) return number;
  throw new AdminError(
    'NUMBER_INVALID',
    `${option} '${value}' is not a whole number above 0`,
    EXIT.usage,
  );
}

export function registerTokenCommands(program: Command): void {
  program
    .command('tokens')
    .description('list tokens')
    .option('--user <upn>', 'only the tokens of this user')
    .option('--status <status>', `only this status: ${STATUSES.join(', ')}`)
    .option('--filter <text>', 'serial, UPN, model or status containing this text')
    .option('--limit <n>', 'at most this many rows', '1000')
    .option('--json', 'print JSON')
    .action(async (options: Record<string, string>, command: Command) => {
      await withAdmin(command, async (admin) => {
        const query: TokenQuery = {
          upn: options.user,
          status: statusOf(options.status),
          text: options.filter,
          limit: positive(options.limit ?? '', '--limit'),
        };
        const { total, rows } = await admin.listTokens(query);
        if (isJson(command)) return printJson({ total, rows });
        printTokens(rows);
        if (total > rows.length) printLine(`(${rows.length} of ${total} shown)`);
      });
    });

  program
    .command('token <serial>')
    .description('one token in detail: status, user, drift, last use, recent failures')
    .option('--json', 'print JSON')
    .action(async (serial: string, _options, command: Command) => {
      await withAdmin(command, async (admin) => {
        const token = await admin.getToken(serial.trim());
        if (isJson(command)) return printJson(token);
        printLines([
          `serial        ${token.serial} ${kindMark(token)}`,
          `status        ${token.status}${token.isEnabled ? '' : ' (disabled)'}`,
          `user          ${token.upn ?? '-'}`,
          `model         ${token.manufacturer} ${token.model}`,
          `code          ${token.digits} digits, ${token.intervalSeconds}s, ${token.algorithm}`,
          `drift         ${drift(token)} (${steps(token.driftSteps)})`,
          `last use      ${formatTime(token.lastUsedAt)}`,
          `activated     ${formatTime(token.activatedAt)}`,
          `created       ${formatTime(token.createdAt)}`,
          'recent failures:',
          ...token.recentFailures.map(
            (entry) => `  ${formatTime(entry.at)}  ${entry.actor}  ${entry.reason}`,
          ),
        ]);
      });
    });

  registerTokenLifecycleCommands(program);
}
