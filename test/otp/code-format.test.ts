import { describe, expect, it } from 'vitest';

import { normalizeCode } from '../../src/engine/otp/code-format.js';
import { fixtureJson } from './helpers.js';

interface T01 {
  attempts: Array<{ typed: string }>;
}
const [exact, short, spaced, fullWidth] = fixtureJson<T01>(
  't01-activation-code-leading-zero.json',
).attempts.map((a) => a.typed);

describe('normalizeCode', () => {
  it('keeps the leading zero of 021131', () => {
    expect(normalizeCode(exact as string, 6)).toEqual({ ok: true, code: '021131' });
  });

  it('refuses 21131 as the wrong length instead of re-padding it', () => {
    expect(normalizeCode(short as string, 6)).toEqual({
      ok: false,
      code: 'BAD_FORMAT',
      reason: '5 digits; this token shows 6',
    });
  });

  it('removes the spaces of a code copied in groups', () => {
    expect(normalizeCode(spaced as string, 6)).toEqual({ ok: true, code: '021131' });
  });

  it('refuses full-width digits as a format error naming the character', () => {
    const result = normalizeCode(fullWidth as string, 6);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.reason).toMatch(/character 1 .*U\+FF10.*non-ASCII/);
  });

  it('refuses Arabic-Indic and other Unicode digits', () => {
    expect(normalizeCode('٠٢١١٣١', 6)).toMatchObject({ ok: false, code: 'BAD_FORMAT' });
    expect(normalizeCode('02113١', 6)).toMatchObject({ ok: false, code: 'BAD_FORMAT' });
  });

  it('refuses signs, decimals and exponents that Number() would accept', () => {
    for (const typed of ['+21131', '2113.1', '2e5000', '0x1234', '-21131']) {
      expect(normalizeCode(typed, 6)).toMatchObject({ ok: false, code: 'BAD_FORMAT' });
    }
  });

  it('refuses an empty code and an 8-digit code for a 6-digit token', () => {
    expect(normalizeCode('  ', 6)).toMatchObject({ ok: false, reason: /no code given/ });
    expect(normalizeCode('36171976', 6)).toMatchObject({
      ok: false,
      reason: '8 digits; this token shows 6',
    });
  });

  it('accepts 8 digits for an 8-digit token', () => {
    expect(normalizeCode('07081804', 8)).toEqual({ ok: true, code: '07081804' });
  });
});
