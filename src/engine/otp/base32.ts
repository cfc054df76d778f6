// Base32 secrets as admins and vendors write them (RFC 4648 alphabet, either case).
// Spaces, dashes (some vendors group seeds with them) and `=` padding carry no key bits, so they
// are removed rather than refused.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Longest secret accepted, in key characters (Entra's limit: 128 characters = 80 bytes). */
export const BASE32_MAX_CHARS = 128;

export type Base32ErrorCode = 'SECRET_EMPTY' | 'SECRET_TOO_LONG' | 'SECRET_BAD_CHAR';

export type NormalizedBase32 =
  | { ok: true; value: string }
  | {
      ok: false;
      code: Base32ErrorCode;
      reason: string;
      /** 1-based position of the offending character in the trimmed value. */
      position?: number;
      char?: string;
      hint?: string;
    };

// Lookup from char code to 5-bit value; -1 for characters outside the alphabet.
const VALUE_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) {
  VALUE_OF[ALPHABET.charCodeAt(i)] = i;
  VALUE_OF[ALPHABET.toLowerCase().charCodeAt(i)] = i;
}

/**
 * Checks and normalises a secret: trims it, removes spaces, dashes and trailing `=` padding, and
 * upper-cases it. The 128-character limit counts key characters, i.e. after spaces, dashes and
 * padding are removed: they carry no bits, so a 128-character key written in groups of four
 * is the same 80-byte key. Without them this is the length of the trimmed value.
 */
export function normalizeBase32(input: string): NormalizedBase32 {
  const trimmed = input.trim();
  let value = '';
  let paddingAt = 0;

  for (let i = 0; i < trimmed.length; i++) {
    const char = trimmed[i] as string;
    if (char === ' ' || char === '-') continue;

    if (char === '=') {
      if (paddingAt === 0) paddingAt = i + 1;
      continue;
    }

    // Padding is only legal at the end: a key character after `=` means a damaged value.
    if (paddingAt !== 0) {
      return {
        ok: false,
        code: 'SECRET_BAD_CHAR',
        reason:
          `'=' at position ${paddingAt} is followed by key characters; '=' padding may` +
          ' only end a Base32 secret',
        position: paddingAt,
        char: '=',
      };
    }

    const code = trimmed.charCodeAt(i);
    if (code >= 128 || VALUE_OF[code] === -1) return badChar(trimmed, char, i + 1);
    value += char;
  }

  if (value.length === 0) {
    return { ok: false, code: 'SECRET_EMPTY', reason: 'secret key is empty' };
  }

  if (value.length > BASE32_MAX_CHARS) {
    return {
      ok: false,
      code: 'SECRET_TOO_LONG',
      reason: `secret key is ${value.length} characters; limit is ${BASE32_MAX_CHARS}`,
      hint: 'check that two secrets were not pasted into one cell',
    };
  }

  return { ok: true, value: value.toUpperCase() };
}

function badChar(trimmed: string, char: string, position: number): NormalizedBase32 {
  const shown = JSON.stringify(char);
  const compact = trimmed.replace(/[ -]/g, '');
  const isHex = looksLikeHexSeed(compact);

  return {
    ok: false,
    code: 'SECRET_BAD_CHAR',
    reason:
      `secret key has ${shown} at position ${position}; Base32 allows only letters` +
      ' A-Z (either case) and digits 2-7',
    position,
    char,
    ...(isHex && {
      hint:
        `it looks like a hex seed (${compact.length} hex digits = ${compact.length / 2}` +
        ' bytes); convert it to Base32 before uploading',
    }),
  };
}

/** True when the value is made only of hex digits and has an even length, as a hex seed has. */
export function looksLikeHex(value: string): boolean {
  return value.length > 0 && value.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(value);
}

/**
 * True for hex of a length a seed can have: 10 to 80 bytes, the keys a Base32 secret may hold.
 * A short run of digits such as `30` is more likely a value from another column.
 */
export function looksLikeHexSeed(value: string): boolean {
  return looksLikeHex(value) && value.length >= 20 && value.length <= 160;
}

/**
 * Refuses a normalised secret of a length no key has: 1, 3 or 6 characters past a multiple of 8
 * leave 5 or more bits that make no byte, i.e. a character too many or too few; decoding would
 * silently drop it. Other lengths drop fewer than 5 bits, which need not be zero: Entra's own
 * example secret (26 characters ending in `f`) sets them, and oathtool ignores them too.
 */
export function base32LengthProblem(normalized: string): string | null {
  const length = normalized.length;
  const spareBits = (length * 5) % 8;
  if (spareBits < 5) return null;

  return (
    `secret key has ${length} characters, a length no Base32 key has: its last` +
    ` ${spareBits} bits make no whole byte`
  );
}

/**
 * Decodes a normalised secret, 5 bits per character. An incomplete last byte is dropped, as
 * Entra does, so lengths that strict RFC 4648 refuses unpadded (e.g. 26 characters) still
 * decode; `base32LengthProblem` refuses the lengths that would drop a whole character.
 */
export function decodeBase32Lenient(normalized: string): Buffer {
  const out = Buffer.alloc(Math.floor((normalized.length * 5) / 8));
  let bits = 0;
  let acc = 0;
  let index = 0;

  for (let i = 0; i < normalized.length; i++) {
    const code = normalized.charCodeAt(i);
    const v = code < 128 ? (VALUE_OF[code] as number) : -1;
    if (v === -1) {
      throw new RangeError(`not normalised Base32: character ${i + 1}; call normalizeBase32`);
    }

    acc = ((acc << 5) | v) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (acc >> bits) & 0xff;
    }
  }

  return out;
}

/** Encodes bytes as upper-case Base32 without padding, the form authenticator apps expect. */
export function encodeBase32(buf: Buffer): string {
  let out = '';
  let bits = 0;
  let acc = 0;

  for (const byte of buf) {
    acc = ((acc << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(acc >> bits) & 31];
    }
  }

  if (bits > 0) out += ALPHABET[(acc << (5 - bits)) & 31];
  return out;
}
