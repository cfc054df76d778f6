// `oathdesk usernames`: how RADIUS User-Names map to UPNs.
import type { Command } from 'commander';
import { AdminError, EXIT } from '../../engine/errors.js';
import type { UserNameMapping } from '../../engine/types.js';
import { isJson, withAdmin } from '../context.js';
import { printJson, printLines } from '../output.js';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function domainOf(value: string, what: string, example: string): string {
  const domain = value.trim().toLowerCase();
  if (!DOMAIN.test(domain)) {
    throw new AdminError(
      'MAPPING_INVALID',
      `${what} '${value}' is not a domain name`,
      EXIT.usage,
      `e.g. ${example}`,
    );
  }
  return domain;
}

/** A NetBIOS domain name as a NAS sends it before the backslash: no spaces, 1-15 characters. */
const NETBIOS = /^[A-Za-z0-9!#$%^&()\-'{}.~_]{1,15}$/;

/**
 * The left side of a pair, checked so that a mapping that can never match is refused: User-Names
 * with spaces or controls are always refused, and an alias names a suffix without its `@`.
 */
function keyOf(key: string, option: string, example: string): string {
  if (option === '--alias') {
    const suffix = key.trim().replace(/^@/, '');
    return domainOf(suffix, '--alias suffix', `${option} ${example}`);
  }
  // Stored upper-case: the server matches these names ignoring case, so CONTOSO and contoso are
  // one name, and a second --netbios for it replaces the first.
  const name = key.trim().toUpperCase();
  if (!NETBIOS.test(name)) {
    throw new AdminError(
      'MAPPING_INVALID',
      `--netbios name '${key}' is not a NetBIOS domain name (1-15 characters, no spaces)`,
      EXIT.usage,
      `e.g. ${option} ${example}`,
    );
  }
  return name;
}

function pairs(values: string[] | undefined, option: string, example: string) {
  if (!values) return undefined;
  const map: Record<string, string> = {};
  for (const value of values) {
    const [key, target, ...rest] = value.split('=');
    if (!key?.trim() || target === undefined || rest.length > 0) {
      throw new AdminError(
        'MAPPING_INVALID',
        `${option} '${value}' is not NAME=DOMAIN`,
        EXIT.usage,
        `e.g. ${option} ${example}`,
      );
    }
    map[keyOf(key, option, example)] = domainOf(target, `${option} target`, `${option} ${example}`);
  }
  return map;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function show(mapping: UserNameMapping): void {
  printLines([
    `default domain  ${mapping.defaultDomain ?? '- (bare names refused)'}`,
    ...Object.entries(mapping.netbios ?? {}).map(([k, v]) => `netbios         ${k}\\ -> ${v}`),
    ...Object.entries(mapping.suffixAliases ?? {}).map(
      ([k, v]) => `alias           @${k} -> @${v}`,
    ),
  ]);
}

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
      const netbios = pairs(
        options.netbios as string[] | undefined,
        '--netbios',
        'CONTOSO=contoso.com',
      );
      const aliases = pairs(
        options.alias as string[] | undefined,
        '--alias',
        'contoso.local=contoso.com',
      );
      const defaultDomain =
        options.defaultDomain === undefined
          ? undefined
          : domainOf(String(options.defaultDomain), '--default-domain', 'contoso.com');
      const isChange = Boolean(options.clear) || defaultDomain || netbios || aliases;

      await withAdmin(
        command as Command,
        async (admin) => {
          let mapping = await admin.userNameMapping();
          if (isChange) {
            const next: UserNameMapping = options.clear ? {} : { ...mapping };
            if (defaultDomain) next.defaultDomain = defaultDomain;
            if (netbios) next.netbios = { ...next.netbios, ...netbios };
            if (aliases) next.suffixAliases = { ...next.suffixAliases, ...aliases };
            await admin.setUserNameMapping(next);
            mapping = next;
          }
          // One shape whatever is set, so that `--clear --json` is not a bare {}.
          const shown = {
            defaultDomain: mapping.defaultDomain ?? null,
            netbios: mapping.netbios ?? {},
            suffixAliases: mapping.suffixAliases ?? {},
          };
          if (isJson(command as Command)) printJson(shown);
          else show(mapping);
        },
        { createsData: Boolean(isChange) },
      );
    });
}
