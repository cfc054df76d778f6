// `oathdesk usernames`: how RADIUS User-Names map to UPNs.
import type { Command } from 'commander';
import { AdminError, EXIT } from '../../engine/errors.js';
import type { UserNameMapping } from '../../engine/types.js';
import { isJson, withAdmin } from '../context.js';
import { printJson, printLines } from '../output.js';

function pairs(values: string[] | undefined, option: string): Record<string, string> | undefined {
  if (!values) return undefined;
  const map: Record<string, string> = {};
  for (const value of values) {
    const [key, target, ...rest] = value.split('=');
    if (!key || !target || rest.length > 0) {
      throw new AdminError(
        'MAPPING_INVALID',
        `${option} '${value}' is not NAME=DOMAIN`,
        EXIT.usage,
        `e.g. ${option} CONTOSO=contoso.com`,
      );
    }
    map[key.trim()] = target.trim().toLowerCase();
  }
  return map;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerUserNameCommands(program: Command): void {
  program
    .command('usernames')
    .description('show or set how RADIUS User-Names map to UPNs')
    .option('--default-domain <domain>', 'domain for a bare user name')
    .option('--netbios <NAME=DOMAIN>', 'map DOMAIN\\name (repeatable)', collect)
    .option('--alias <SUFFIX=DOMAIN>', 'map name@suffix to name@domain (repeatable)', collect)
    .option('--clear', 'remove every mapping')
    .option('--json', 'print JSON')
    .action(async (options: Record<string, string | string[] | boolean | undefined>, command) => {
      await withAdmin(command as Command, async (admin) => {
        let mapping = await admin.userNameMapping();
        const netbios = pairs(options.netbios as string[] | undefined, '--netbios');
        const aliases = pairs(options.alias as string[] | undefined, '--alias');
        const isChange = options.clear || options.defaultDomain || netbios || aliases;
        if (isChange) {
          const next: UserNameMapping = options.clear ? {} : { ...mapping };
          if (options.defaultDomain) {
            next.defaultDomain = String(options.defaultDomain).toLowerCase();
          }
          if (netbios) next.netbios = { ...next.netbios, ...netbios };
          if (aliases) next.suffixAliases = { ...next.suffixAliases, ...aliases };
          await admin.setUserNameMapping(next);
          mapping = next;
        }
        if (isJson(command as Command)) return printJson(mapping);
        printLines([
          `default domain  ${mapping.defaultDomain ?? '- (bare names refused)'}`,
          ...Object.entries(mapping.netbios ?? {}).map(
            ([k, v]) => `netbios         ${k}\\ -> ${v}`,
          ),
          ...Object.entries(mapping.suffixAliases ?? {}).map(
            ([k, v]) => `alias           @${k} -> @${v}`,
          ),
        ]);
      });
    });
}
