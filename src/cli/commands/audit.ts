// `oathdesk audit`: the audit trail, newest first.
import type { Command } from 'commander';
import { AdminError, EXIT } from '../../engine/errors.js';
import { isJson, withAdmin } from '../context.js';
import { formatTime, printJson, printTable } from '../output.js';
import { positive } from './tokens.js';

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `24h`, `7d`, `30m`, or an ISO date. */
export function parseSince(value: string, now = Date.now()): number {
  const relative = /^(\d+)([mhd])$/.exec(value.trim());
  if (relative) return now - Number(relative[1]) * (UNITS[relative[2] ?? 'd'] ?? 0);
  const absolute = Date.parse(value);
  if (Number.isNaN(absolute)) {
    throw new AdminError(
      'SINCE_INVALID',
      `--since '${value}' is not a time`,
      EXIT.usage,
      'use e.g. 30m, 24h, 7d or 2026-01-31',
    );
  }
  return absolute;
}

export function registerAuditCommands(program: Command): void {
  program
    .command('audit')
    .description('the audit trail: admin actions and code decisions, newest first')
    .option('--since <time>', 'only entries since then: 30m, 24h, 7d or an ISO date')
    .option('--user <upn>', 'only entries about this user')
    .option('--filter <text>', 'only entries containing this text')
    .option('--limit <n>', 'at most this many entries', '200')
    .option('--json', 'print JSON')
    .action(async (options: Record<string, string | undefined>, command: Command) => {
      await withAdmin(command, async (admin) => {
        const entries = await admin.audit({
          since: options.since ? parseSince(options.since) : undefined,
          upn: options.user,
          text: options.filter,
          limit: positive(options.limit ?? '', '--limit'),
        });
        if (isJson(command)) return printJson(entries);
        printTable(
          ['TIME', 'ACTOR', 'ACTION', 'USER', 'SERIAL', 'OUTCOME', 'REASON'],
          entries.map((entry) => [
            formatTime(entry.at),
            entry.actor,
            entry.action,
            entry.upn ?? '-',
            entry.serial ?? '-',
            entry.outcome,
            entry.reason,
          ]),
        );
      });
    });
}
