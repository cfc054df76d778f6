// `oathdesk assign`, `unassign`, `enable`, `disable` and `delete`. Under --json each prints the
// token after the change, as `tokens --json` lists it; `delete` prints the serial it deleted.
import type { Command } from 'commander';
import type { AdminApi } from '../../engine/admin-api.js';
import type { TokenSummary } from '../../engine/types.js';
import { isJson, withAdmin } from '../context.js';
import { printJson, printLine } from '../output.js';

interface Change {
  name: string;
  description: string;
  apply(admin: AdminApi, serial: string): Promise<TokenSummary>;
  done(token: TokenSummary): string;
}

const CHANGES: Change[] = [
  {
    name: 'unassign',
    description: 'take a token back from its user',
    apply: (admin, serial) => admin.unassignToken(serial),
    done: (token) => `unassigned ${token.serial}`,
  },
  {
    name: 'disable',
    description: 'stop a token from signing anyone in',
    apply: (admin, serial) => admin.setTokenEnabled(serial, false),
    done: (token) => `disabled ${token.serial}`,
  },
  {
    name: 'enable',
    description: 'let a disabled token sign in again',
    apply: (admin, serial) => admin.setTokenEnabled(serial, true),
    done: (token) => `enabled ${token.serial}`,
  },
];

export function registerTokenLifecycleCommands(program: Command): void {
  for (const change of CHANGES) {
    program
      .command(`${change.name} <serial>`)
      .description(change.description)
      .option('--json', 'print the token after the change as JSON')
      .action(async (serial: string, _options, command: Command) => {
        await withAdmin(command, async (admin) => {
          const token = await change.apply(admin, serial.trim());
          if (isJson(command)) printJson(token);
          else printLine(change.done(token));
        });
      });
  }

  program
    .command('delete <serial>')
    .description('delete a token (its audit trail stays)')
    .option('--json', 'print {serial, deleted} as JSON')
    .action(async (serial: string, _options, command: Command) => {
      await withAdmin(command, async (admin) => {
        await admin.deleteToken(serial.trim());
        if (isJson(command)) printJson({ serial: serial.trim(), deleted: true });
        else printLine(`deleted ${serial.trim()}`);
      });
    });

  program
    .command('assign <serial> <upn>')
    .description('give a hardware token to a user')
    .option('--json', 'print the token after the change as JSON')
    .action(async (serial: string, upn: string, _options, command: Command) => {
      await withAdmin(command, async (admin) => {
        const token = await admin.assignToken(serial.trim(), upn.trim());
        if (isJson(command)) printJson(token);
        else printLine(`assigned ${token.serial} to ${token.upn}`);
      });
    });
}
