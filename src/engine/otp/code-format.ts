// The shape of a typed code, checked before any HMAC is computed. A refusal here is a format
// error, not a wrong code: callers must not count it towards a lockout.

import type { Digits } from './hotp.js';

export type NormalizedCode =
  { ok: true; code: string } | { ok: false; code: 'BAD_FORMAT'; reason: string };

/**
 * Accepts exactly `digits` ASCII digits. ASCII spaces and tabs anywhere are removed
 * (` 021 131 ` is `021131`), since users copy codes in groups. Anything else is refused,
 * including full-width and other Unicode digits. A short code is never re-padded: `21131` is
 * not `021131`, because the leading zero is part of what the token shows.
 */
export function normalizeCode(input: string, digits: Digits): NormalizedCode {
  let code = '';

  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c === 0x20 || c === 0x09) continue;

    if (c < 0x30 || c > 0x39) {
      return { ok: false, code: 'BAD_FORMAT', reason: describeBadChar(input, i) };
    }
    code += input[i];
  }

  if (code.length === 0) {
    return { ok: false, code: 'BAD_FORMAT', reason: `no code given; this token shows ${digits}` };
  }

  if (code.length !== digits) {
    const noun = code.length === 1 ? 'digit' : 'digits';
    return {
      ok: false,
      code: 'BAD_FORMAT',
      reason: `${code.length} ${noun}; this token shows ${digits}`,
    };
  }

  return { ok: true, code };
}

function describeBadChar(input: string, index: number): string {
  const char = String.fromCodePoint(input.codePointAt(index) as number);
  const hex = (char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
  const where = `character ${index + 1} (${JSON.stringify(char)}, U+${hex})`;

  // Full-width digits come from East Asian input methods; say so, the admin cannot see it.
  if (/^\p{Nd}$/u.test(char)) {
    return `${where} is a non-ASCII digit; type the code with the digits 0-9`;
  }
  return `${where} is not a digit; a code is made of the digits 0-9 only`;
}
