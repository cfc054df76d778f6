import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { createUserNameMapper, mapUserName } from '../../src/server/user-name.js';
import { prng, randomInt } from '../support/prng.js';

interface R03 {
  cases: { 'User-Name': string; expect: string }[];
}

const r03 = JSON.parse(
  readFileSync(new URL('../fixtures/cases/r03-user-name-formats.json', import.meta.url), 'utf8'),
) as R03;

const configured = createUserNameMapper({
  netbios: { CONTOSO: 'contoso.com' },
  suffixAliases: { 'contoso.local': 'contoso.com' },
  defaultDomain: 'contoso.com',
});
const bare = createUserNameMapper({});

/** What each r03 case maps to with the mapping configured, and with none. */
const expected: Record<string, [string, string]> = {
  'helga@contoso.com': ['helga@contoso.com', 'helga@contoso.com'],
  'Helga@CONTOSO.COM': ['helga@contoso.com', 'helga@contoso.com'],
  'CONTOSO\\helga': ['helga@contoso.com', 'UNKNOWN_USER_FORMAT'],
  'contoso\\helga': ['helga@contoso.com', 'UNKNOWN_USER_FORMAT'],
  helga: ['helga@contoso.com', 'UNKNOWN_USER_FORMAT'],
  'helga@contoso.local': ['helga@contoso.com', 'helga@contoso.local'],
  'helga@contoso.com@contoso.com': ['DOUBLED_SUFFIX', 'DOUBLED_SUFFIX'],
  'host/laptop01.contoso.com': ['MACHINE_ACCOUNT', 'MACHINE_ACCOUNT'],
  'helga@contoso.com ': ['helga@contoso.com', 'helga@contoso.com'],
};

function outcome(result: ReturnType<typeof mapUserName>): string {
  return result.ok ? result.upn : result.code;
}

describe('User-Name mapping (r03)', () => {
  it('covers every r03 case', () => {
    expect(r03.cases.map((c) => c['User-Name']).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const { 'User-Name': name } of r03.cases) {
    const [withMapping, withoutMapping] = expected[name]!;
    it(`maps '${name}' to ${withMapping} with the mapping and ${withoutMapping} without`, () => {
      expect(outcome(configured(Buffer.from(name)))).toBe(withMapping);
      expect(outcome(bare(Buffer.from(name)))).toBe(withoutMapping);
    });
  }
});

describe('User-Name mapping', () => {
  it('refuses invalid UTF-8 and names the octets in hex', () => {
    const result = configured(Buffer.from([0x68, 0xc3, 0x28, 0x40, 0x61]));
    expect(result).toEqual({
      ok: false,
      code: 'INVALID_UTF8',
      reason: 'User-Name is not UTF-8: 68c3284061',
    });
  });

  it('normalises decomposed Unicode to NFC so both spellings are one user', () => {
    const composed = outcome(configured(Buffer.from('J\u00f6rg@contoso.com')));
    const decomposed = outcome(configured(Buffer.from('Jo\u0308rg@CONTOSO.com')));
    expect(composed).toBe('j\u00f6rg@contoso.com');
    expect(decomposed).toBe(composed);
  });

  it('refuses an unmapped NetBIOS domain rather than looking it up literally', () => {
    expect(outcome(configured(Buffer.from('FABRIKAM\\helga')))).toBe('UNKNOWN_USER_FORMAT');
  });

  it('refuses spaces, control characters and empty parts', () => {
    for (const name of [
      'hel ga@contoso.com',
      'helga\u0000@contoso.com',
      '@contoso.com',
      'helga@',
      '   ',
    ]) {
      expect(configured(Buffer.from(name)).ok).toBe(false);
    }
  });

  it('names an empty user or domain part in the reason', () => {
    for (const name of ['@contoso.com', 'helga@']) {
      expect(configured(Buffer.from(name))).toEqual({
        ok: false,
        code: 'UNKNOWN_USER_FORMAT',
        reason: `unknown user format: '${name}'`,
      });
    }
  });

  it('replaces an aliased suffix and keeps any other as it is', () => {
    expect(configured(Buffer.from('Helga@Contoso.Local'))).toEqual({
      ok: true,
      upn: 'helga@contoso.com',
    });
    expect(configured(Buffer.from('helga@fabrikam.com'))).toEqual({
      ok: true,
      upn: 'helga@fabrikam.com',
    });
  });

  it('refuses a NetBIOS form that also carries a suffix', () => {
    expect(outcome(configured(Buffer.from('CONTOSO\\helga@contoso.com')))).toBe(
      'UNKNOWN_USER_FORMAT',
    );
  });

  it('refuses computer accounts written as DOMAIN\\NAME$', () => {
    expect(outcome(configured(Buffer.from('CONTOSO\\LAPTOP01$')))).toBe('MACHINE_ACCOUNT');
  });
});

describe('User-Name mapping of plain ASCII names', () => {
  // Plain ASCII names take a shortcut past Unicode normalisation. A space before the name (or a
  // no-break space after it) sends the same name the long way, and trimming removes it again,
  // so both ways must give identical results, reasons included.
  const alphabet = 'aZ09._-@@\\//$$!~'.split('');
  const words = ['host/', 'contoso', 'CONTOSO', 'contoso.local', 'Helga', '$', '@', '\\'];

  it('maps thousands of generated names exactly as the Unicode path does', () => {
    const random = prng(20250611);
    const pick = <T>(items: readonly T[]): T => items[randomInt(random, items.length)]!;
    for (let i = 0; i < 5000; i++) {
      let name = '';
      for (let n = randomInt(random, 6); n >= 0; n--) {
        name += random() < 0.5 ? pick(words) : pick(alphabet);
      }
      for (const mapper of [configured, bare]) {
        const plain = mapper(Buffer.from(name));
        expect(mapper(Buffer.from(` ${name}`)), name).toEqual(plain);
        expect(mapper(Buffer.from(`${name}\u00a0`)), name).toEqual(plain);
      }
    }
  });

  it('still refuses every octet outside printable ASCII, the long way', () => {
    for (const octet of [0x00, 0x09, 0x0a, 0x1f, 0x7f]) {
      const result = configured(Buffer.from([0x61, octet, 0x62]));
      expect(result, `octet ${octet}`).toMatchObject({ ok: false, code: 'ILLEGAL_CHARACTER' });
    }
    expect(configured(Buffer.alloc(0))).toMatchObject({ ok: false, code: 'EMPTY' });
  });

  it('names a refused User-Name with its control characters escaped, for the audit trail', () => {
    const raw = Buffer.from('\x1b[31mEVIL\x1b[0m\x1b]0;pwned\x07@contoso.com');

    expect(configured(raw)).toEqual({
      ok: false,
      code: 'ILLEGAL_CHARACTER',
      reason:
        'User-Name has a space or control character: ' +
        '\\u001B[31mevil\\u001B[0m\\u001B]0;pwned\\u0007@contoso.com',
    });
  });
});
