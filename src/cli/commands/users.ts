// `oathdesk users` and `oathdesk users import FILE`.
import path from 'node:path';
import type { Command } from 'commander';
import { EXIT } from '../../engine/errors.js';
import { isJson, withAdmin } from '../context.js';
import { printJson, printTable, printLine } from '../output.js';

export function registerUserCommands(program: Command): void {
  const users = program
    .command('users')
    .description('list the users of the directory')
    .option('--json', 'print JSON')
    .action(async (_options, command: Command) => {
      await withAdmin(command, async (admin) => {
        const list = await admin.listUsers();
        if (isJson(command)) return printJson(list);
        printTable(
          ['UPN', 'DISPLAY NAME', 'TYPE', 'ENABLED', 'METHODS'],
          list.map((user) => [
            user.upn,
            user.displayName,
            user.userType,
            user.isEnabled ? 'yes' : 'no',
            user.methodCount,
          ]),
        );
      });
    });

  users
    .command('import <file>')
    .description('add or update users from a CSV file (upn,display name,user type[,enabled])')
    .option('--json', 'print JSON')
    .action(async (file: string, _options, command: Command) => {
      await withAdmin(
        command,
        async (admin) => {
          const result = await admin.importUsers(path.resolve(file));
          if (isJson(command)) printJson(result);
          else {
            process.stdout.write(
              `added ${result.added}, updated ${result.updated}, unchanged ${result.unchanged}, ` +
                `failed ${result.failures.length}\n`,
            );
            for (const failure of result.failures) {
              printLine(`  line ${failure.line}: ${failure.reason}`);
            }
          }
          return result.failures.length > 0 ? EXIT.rowsFailed : EXIT.ok;
        },
        { createsData: true },
      );
    });
}
