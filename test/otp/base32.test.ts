import { describe, expect, it } from 'vitest';

import {
  decodeBase32Lenient,
  encodeBase32,
  looksLikeHex,
  normalizeBase32,
} from '../../src/engine/otp/base32.js';
import { totpCode } from '../../src/engine/otp/hotp.js';
import { fixture, fixtureJson } from './helpers.js';

type Row = {
  line: number | string;
  decoded_key_hex?: string;
  decoded_key_hex_if_accepted?: string;
};
const expected = fixtureJson<Record<string, Row[]>>('expected-import-results.json');
const TIME_BASE = Date.parse('2025-01-01T00:00:00Z');

// Secret key column of a data line (1-based, header is line 1) of a case CSV.
function secretOf(file: string, line: number): string {
  const row = fixture(file).split(/\r?\n/)[line - 1] as string;
  return row.split(',')[2] as string;
}

function hexOf(secret: string): string {
  const result = normalizeBase32(secret);
  if (!result.ok) throw new Error(result.reason);
  return decodeBase32Lenient(result.value).toString('hex');
}

describe('normalizeBase32', () => {
  it('accepts lower case and decodes to the expected key', () => {
    const file = 'c11-secret-spaces-padding-case.csv';
    const row = expected.c11?.find((r) => r.line === 2);
    expect(hexOf(secretOf(file, 2))).toBe(row?.decoded_key_hex);
  });

  it('removes spaces between groups and gives the same key as the ungrouped secret', () => {
    const file = 'c11-secret-spaces-padding-case.csv';
    expect(normalizeBase32(secretOf(file, 3))).toEqual({
      ok: true,
      value: '2T3L5FDH2LGH52MJBTQSIOEKCGOKJ7HN',
    });
    expect(hexOf(secretOf(file, 3))).toBe(expected.c11?.[1]?.decoded_key_hex_if_accepted);
  });

  it('removes trailing = padding and drops the incomplete tail as Entra does', () => {
    const secret = secretOf('c11-secret-spaces-padding-case.csv', 4);
    expect(hexOf(secret)).toBe('d4f6be9467d2cc7ee9890ce124388a11');
    expect(hexOf(secret)).toBe(expected.c11?.[2]?.decoded_key_hex_if_accepted);
  });

  it('refuses = padding followed by more key characters', () => {
    const result = normalizeBase32('ABCD==EFGH');
    expect(result).toMatchObject({ ok: false, code: 'SECRET_BAD_CHAR', position: 5, char: '=' });
  });

  it('accepts exactly 128 characters and refuses 129 and 136 naming the length', () => {
    const file = 'c12-secret-length-limits.csv';
    expect(hexOf(secretOf(file, 2))).toBe(expected.c12?.[0]?.decoded_key_hex);
    expect(normalizeBase32(secretOf(file, 3))).toMatchObject({
      ok: false,
      code: 'SECRET_TOO_LONG',
      reason: 'secret key is 129 characters; limit is 128',
    });
    expect(normalizeBase32(` ${secretOf(file, 4)} `)).toMatchObject({
      reason: 'secret key is 136 characters; limit is 128',
    });
  });

  it('accepts a short 16-character secret', () => {
    expect(hexOf(secretOf('c12-secret-length-limits.csv', 5))).toBe('456448682c043c8975cf');
  });

  it('names the first illegal character of a hex seed, its position and a hex hint', () => {
    const result = normalizeBase32(secretOf('c10-hex-secrets.csv', 2));
    expect(result).toMatchObject({ ok: false, code: 'SECRET_BAD_CHAR', position: 2, char: '0' });
    expect(result.ok === false && result.hint).toMatch(/hex seed \(40 hex digits = 20 bytes\)/);
  });

  it('gives no hex hint for an illegal character in a value that is not hex', () => {
    const result = normalizeBase32('ABCDEFGH1JKL');
    expect(result).toMatchObject({ ok: false, position: 9, char: '1' });
    expect(result.ok === false && result.hint).toBeFalsy();
  });

  it('counts positions in the trimmed value, spaces included', () => {
    expect(normalizeBase32('  AB CD8E')).toMatchObject({ position: 6, char: '8' });
  });

  it('refuses an empty or all-space secret', () => {
    expect(normalizeBase32('   ')).toMatchObject({ ok: false, code: 'SECRET_EMPTY' });
    expect(normalizeBase32('= =')).toMatchObject({ ok: false, code: 'SECRET_EMPTY' });
  });

  it('refuses non-ASCII letters that look like Base32', () => {
    expect(normalizeBase32('ABCDÉFGH')).toMatchObject({ ok: false, position: 5, char: 'É' });
  });
});

describe('looksLikeHex', () => {
  it('flags valid Base32 made only of hex digits, as an unconverted hex seed can be', () => {
    const secret = secretOf('c10-hex-secrets.csv', 3);
    const result = normalizeBase32(secret);
    expect(result.ok).toBe(true);
    expect(looksLikeHex(secret)).toBe(true);
    expect(hexOf(secret)).toBe(expected.c10?.[1]?.decoded_key_hex);
  });

  it('does not flag odd lengths or letters beyond f', () => {
    expect(looksLikeHex('abc')).toBe(false);
    expect(looksLikeHex('EAAY57KPBCLTOKTC6YX7PNRILHJ2RFGE')).toBe(false);
    expect(looksLikeHex('')).toBe(false);
  });
});

describe('decodeBase32Lenient and encodeBase32', () => {
  it('reproduce every decoded key and code in the expected import results', () => {
    const files: Record<string, string> = {
      c10: 'c10-hex-secrets.csv',
      c11: 'c11-secret-spaces-padding-case.csv',
      c12: 'c12-secret-length-limits.csv',
    };
    let checked = 0;

    for (const [id, file] of Object.entries(files)) {
      for (const row of expected[id] ?? []) {
        const hex = row.decoded_key_hex ?? row.decoded_key_hex_if_accepted;
        if (typeof row.line !== 'number' || hex === undefined) continue;
        const key = Buffer.from(hexOf(secretOf(file, row.line)), 'hex');
        expect(key.toString('hex')).toBe(hex);
        const code = (row as Record<string, unknown>)['code_at_2025-01-01T00:00:00Z'];
        if (typeof code === 'string') expect(totpCode(key, TIME_BASE, 30, 6, 'SHA1')).toBe(code);
        checked++;
      }
    }

    expect(checked).toBeGreaterThanOrEqual(7);
  });

  it('round-trips random keys of every length from 1 to 80 bytes', () => {
    for (let length = 1; length <= 80; length++) {
      const key = Buffer.from(Array.from({ length }, (_, i) => (i * 37 + length * 11) & 0xff));
      const encoded = encodeBase32(key);
      expect(encoded).toMatch(/^[A-Z2-7]+$/);
      expect(decodeBase32Lenient(encoded).equals(key)).toBe(true);
    }
  });

  it('converts the c10 hex seed to the Base32 secret the fixture gives', () => {
    const hex = secretOf('c10-hex-secrets.csv', 2);
    expect(encodeBase32(Buffer.from(hex, 'hex'))).toBe('EAAY57KPBCLTOKTC6YX7PNRILHJ2RFGE');
  });

  it('throws on a value that was not normalised', () => {
    expect(() => decodeBase32Lenient('ab1')).toThrow(RangeError);
  });
});
