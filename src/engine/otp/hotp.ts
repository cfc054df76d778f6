// HOTP (RFC 4226) and the TOTP step (RFC 6238). This is the hot path of every verification.

import { createHmac } from 'node:crypto';

import type { HashAlgorithm } from '../types.js';

export type Digits = 6 | 8;

const NODE_HASH: Record<HashAlgorithm, string> = {
  SHA1: 'sha1',
  SHA256: 'sha256',
  SHA512: 'sha512',
};

const MODULUS: Record<Digits, number> = { 6: 1_000_000, 8: 100_000_000 };

const TWO_POW_32 = 0x1_0000_0000;

// One counter buffer reused across calls: createHmac copies it, and JS runs one call at a time.
const counterBytes = Buffer.alloc(8);

/**
 * The HOTP value as a number (without leading zeros). Counters up to 2^53 - 1 are exact, which
 * covers TOTP far beyond the year 2603 (T = 20000000000 needs more than 32 bits).
 */
export function hotpValue(
  key: Buffer,
  counter: number,
  digits: Digits,
  algorithm: HashAlgorithm,
): number {
  if (!Number.isSafeInteger(counter) || counter < 0) {
    throw new RangeError(`HOTP counter ${counter} is not an integer in 0..2^53-1`);
  }

  counterBytes.writeUInt32BE(Math.floor(counter / TWO_POW_32), 0);
  counterBytes.writeUInt32BE(counter % TWO_POW_32, 4);
  const mac = createHmac(NODE_HASH[algorithm], key).update(counterBytes).digest();

  // Dynamic truncation, RFC 4226 section 5.3.
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const binary =
    (((mac[offset] as number) & 0x7f) << 24) |
    ((mac[offset + 1] as number) << 16) |
    ((mac[offset + 2] as number) << 8) |
    (mac[offset + 3] as number);

  return binary % MODULUS[digits];
}

/** The HOTP code as the token shows it: exactly `digits` characters, leading zeros kept. */
export function hotpCode(
  key: Buffer,
  counter: number,
  digits: Digits,
  algorithm: HashAlgorithm,
): string {
  return String(hotpValue(key, counter, digits, algorithm)).padStart(digits, '0');
}

/** The TOTP step (RFC 6238 T) at a time in milliseconds, counted from the Unix epoch. */
export function stepAt(nowMs: number, intervalSeconds: number): number {
  return Math.floor(nowMs / (intervalSeconds * 1000));
}

/** The TOTP code at a time; a convenience over `hotpCode` for tests and enrolment screens. */
export function totpCode(
  key: Buffer,
  nowMs: number,
  intervalSeconds: number,
  digits: Digits,
  algorithm: HashAlgorithm,
): string {
  return hotpCode(key, stepAt(nowMs, intervalSeconds), digits, algorithm);
}
