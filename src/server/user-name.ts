// Maps the User-Name a NAS sends to one UPN, deterministically, so that `Helga@CONTOSO.COM `,
// `CONTOSO\helga` and `helga@contoso.local` share one lockout counter. Forms that cannot be
// mapped without guessing are refused with a reason for the audit trail.
import { printable } from '../engine/printable.js';

export interface UserNameConfig {
  /** Domain for a bare `name`; without it a bare name is refused. */
  defaultDomain?: string;
  /** NetBIOS domain to UPN domain, e.g. `CONTOSO` -> `contoso.com`; keys are case-insensitive. */
  netbios?: Record<string, string>;
  /** On-premises UPN suffix to the directory's, e.g. `contoso.local` -> `contoso.com`. */
  suffixAliases?: Record<string, string>;
}

export type UserNameRefusal =
  | 'INVALID_UTF8'
  | 'EMPTY'
  | 'ILLEGAL_CHARACTER'
  | 'MACHINE_ACCOUNT'
  | 'DOUBLED_SUFFIX'
  | 'UNKNOWN_USER_FORMAT';

export type UserNameResult =
  { ok: true; upn: string } | { ok: false; code: UserNameRefusal; reason: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
/** Whitespace and control characters have no place inside a UPN. */
const ILLEGAL_INSIDE = /[\s\p{Cc}\p{Cf}]/u;

function refuse(code: UserNameRefusal, reason: string): UserNameResult {
  return { ok: false, code, reason };
}

function lowerKeys(map: Record<string, string> | undefined): Map<string, string> {
  const lowered = new Map<string, string>();
  for (const [key, value] of Object.entries(map ?? {})) {
    lowered.set(key.normalize('NFC').toLowerCase(), value.normalize('NFC').toLowerCase());
  }
  return lowered;
}

function fold(text: string): string {
  return text.toLowerCase().normalize('NFC');
}

/**
 * A name of printable ASCII without spaces (nearly every name) folded directly: for it UTF-8
 * decoding, NFC and trimming change nothing and no illegal character can occur, so the result
 * is the same as through Unicode normalisation, at a fraction of the cost. Null for any other.
 */
function foldPlainAscii(raw: Buffer): string | null {
  if (raw.length === 0) return null;
  for (let i = 0; i < raw.length; i++) {
    const octet = raw[i]!;
    if (octet < 0x21 || octet > 0x7e) return null;
  }
  return raw.toString('latin1').toLowerCase();
}

/** Builds the mapping once; the returned function is called per packet. */
export function createUserNameMapper(config: UserNameConfig): (raw: Buffer) => UserNameResult {
  const netbios = lowerKeys(config.netbios);
  const aliases = lowerKeys(config.suffixAliases);
  const defaultDomain = config.defaultDomain ? fold(config.defaultDomain) : undefined;

  const withDomain = (name: string, domain: string): UserNameResult => {
    if (name === '' || domain === '') {
      return refuse('UNKNOWN_USER_FORMAT', `unknown user format: '${name}@${domain}'`);
    }
    return { ok: true, upn: `${name}@${aliases.get(domain) ?? domain}` };
  };

  const folded = (raw: Buffer): string | UserNameResult => {
    let decoded: string;
    try {
      decoded = strictUtf8.decode(raw);
    } catch {
      return refuse('INVALID_UTF8', `User-Name is not UTF-8: ${raw.toString('hex')}`);
    }
    const name = fold(decoded.normalize('NFC').trim());
    if (name === '') return refuse('EMPTY', 'User-Name is empty');
    if (ILLEGAL_INSIDE.test(name)) {
      // The reason is shown in the audit trail: the name's control characters are escaped there.
      const shown = printable(name);
      return refuse('ILLEGAL_CHARACTER', `User-Name has a space or control character: ${shown}`);
    }
    return name;
  };

  return (raw) => {
    const name = foldPlainAscii(raw) ?? folded(raw);
    if (typeof name !== 'string') return name;
    if (name.startsWith('host/') || name.endsWith('$')) {
      return refuse('MACHINE_ACCOUNT', `machine account, not a user: ${name}`);
    }
    const firstAt = name.indexOf('@');
    const ats = firstAt < 0 ? 0 : name.indexOf('@', firstAt + 1) < 0 ? 1 : 2;
    if (ats > 1) return refuse('DOUBLED_SUFFIX', `more than one '@' in User-Name: ${name}`);
    const backslash = name.indexOf('\\');
    if (backslash >= 0) {
      const domain = netbios.get(name.slice(0, backslash));
      const user = name.slice(backslash + 1);
      if (!domain || ats > 0 || user.includes('\\')) {
        return refuse('UNKNOWN_USER_FORMAT', `unknown user format: ${name}`);
      }
      return withDomain(user, domain);
    }
    if (name.includes('/')) return refuse('UNKNOWN_USER_FORMAT', `unknown user format: ${name}`);
    if (ats === 1) {
      if (firstAt === 0 || firstAt === name.length - 1) {
        return refuse('UNKNOWN_USER_FORMAT', `unknown user format: '${name}'`);
      }
      // Mostly the name is the UPN as it stands: no new string is made for it.
      const alias = aliases.size > 0 ? aliases.get(name.slice(firstAt + 1)) : undefined;
      return { ok: true, upn: alias === undefined ? name : `${name.slice(0, firstAt)}@${alias}` };
    }
    if (!defaultDomain) return refuse('UNKNOWN_USER_FORMAT', `unknown user format: ${name}`);
    return withDomain(name, defaultDomain);
  };
}

/** One-off mapping; the server uses `createUserNameMapper` to build the tables once. */
export function mapUserName(raw: Buffer, config: UserNameConfig): UserNameResult {
  return createUserNameMapper(config)(raw);
}
