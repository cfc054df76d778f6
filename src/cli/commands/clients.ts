// `oathdesk clients`, `clients add` and `clients remove`: the NAS allowed to ask us.
import fs from 'node:fs';
import type { Command } from 'commander';
import { AdminError, EXIT } from '../../engine/errors.js';
import { isJson, withAdmin } from '../context.js';
import { formatTime, printJson, printTable, printLine } from '../output.js';
import { readSecret } from '../read-secret.js';

function secretFrom(file: string | undefined): Promise<string> {
  if (file === undefined) return readSecret('shared secret: ');
  try {
    return Promise.resolve(fs.readFileSync(file === '-' ? 0 : file, 'utf8').replace(/\r?\n$/, ''));
  } catch (error) {
    throw new AdminError(
      'SECRET_FILE',
      `cannot read ${file}: ${(error as Error).message}`,
      EXIT.usage,
    );
  }
}

export function registerClientCommands(program: Command): void {
  const clients = program
    .command('clients')
    .description('list RADIUS clients (NAS) with their figures since start')
    .option('--json', 'print JSON')
    .action(async (_options, command: Command) => {
      await withAdmin(command, async (admin) => {
        const list = await admin.listClients();
        if (isJson(command)) return printJson(list);
        printTable(
          [
            'NAME',
            'ADDRESS',
            'MSG-AUTH',
            'REQUESTS',
            'ACCEPTS',
            'REJECTS',
            'DROPS',
            'LAST SEEN',
            'SENDS MA',
          ],
          list.map((client) => [
            client.name,
            client.address,
            client.messageAuthenticator,
            client.requests,
            client.accepts,
            client.rejects,
            client.drops,
            formatTime(client.lastSeenAt),
            client.sendsMessageAuthenticator === null
              ? '-'
              : client.sendsMessageAuthenticator
                ? 'yes'
                : 'no',
          ]),
        );
      });
    });

  clients
    .command('add <name>')
    .description('allow a NAS to send Access-Requests')
    .requiredOption(
      '--address <ip|cidr>',
      'its address or network, e.g. 192.0.2.10 or 192.0.2.0/24',
    )
    .option('--secret-file <file>', "file holding the shared secret ('-' for stdin); else asked")
    .option('--message-authenticator <mode>', 'require (default) or off', 'require')
    .option('--json', 'print the added client as JSON (never its secret)')
    .action(async (name: string, options: Record<string, string>, command: Command) => {
      await withAdmin(
        command,
        async (admin) => {
          const secret = await secretFrom(options.secretFile);
          const client = await admin.addClient({
            name,
            address: options.address ?? '',
            secret,
            messageAuthenticator: options.messageAuthenticator as 'require' | 'off',
          });
          if (isJson(command)) {
            // The entry `clients --json` lists, figures included (never a secret).
            const listed = (await admin.listClients()).find((entry) => entry.name === client.name);
            return printJson(listed ?? null);
          }
          printLine(
            `added client ${client.name} (${client.address}, Message-Authenticator ` +
              `${client.messageAuthenticator}) at ${formatTime(client.createdAt)}`,
          );
        },
        { createsData: true },
      );
    });

  clients
    .command('remove <name>')
    .description('stop answering a NAS')
    .option('--json', 'print {name, removed} as JSON')
    .action(async (name: string, _options, command: Command) => {
      await withAdmin(command, async (admin) => {
        await admin.removeClient(name);
        if (isJson(command)) printJson({ name, removed: true });
        else printLine(`removed client ${name}`);
      });
    });
}
