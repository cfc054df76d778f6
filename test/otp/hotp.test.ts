import { createHmac, randomBytes, randomInt } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { hmacSha1Pads, hotpCode, hotpValue, stepAt, totpCode } from '../../src/engine/otp/hotp.js';
import type { HashAlgorithm } from '../../src/engine/types.js';
import { fixtureJson, keyOf } from './helpers.js';

interface Vectors {
  hotp_rfc4226_appendixD: { secret_base32: string; codes_by_counter: Record<string, string> };
  totp_rfc6238_appendixB: {
    seeds: Record<HashAlgorithm, { ascii: string; base32: string }>;
    vectors: Array<{ unix: number } & Record<HashAlgorithm, string>>;
    pitfall_sha256_with_20_byte_seed_at_59: string;
  };
}

const v = fixtureJson<Vectors>('c25-rfc-test-vectors.json');
const ALGORITHMS: HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

describe('hotpCode', () => {
  it('reproduces the RFC 4226 appendix D codes for counters 0 to 9', () => {
    const key = keyOf(v.hotp_rfc4226_appendixD.secret_base32);
    for (const [counter, code] of Object.entries(v.hotp_rfc4226_appendixD.codes_by_counter)) {
      expect(hotpCode(key, Number(counter), 6, 'SHA1')).toBe(code);
    }
  });

  it('decodes the Base32 seeds to the ASCII seeds of RFC 6238', () => {
    for (const algorithm of ALGORITHMS) {
      const seed = v.totp_rfc6238_appendixB.seeds[algorithm];
      expect(keyOf(seed.base32).toString('latin1')).toBe(seed.ascii);
    }
  });

  it('reproduces every RFC 6238 appendix B code in 8 and 6 digits, year 2603 included', () => {
    const { seeds, vectors } = v.totp_rfc6238_appendixB;
    expect(vectors.some((row) => row.unix === 20_000_000_000)).toBe(true);

    for (const row of vectors) {
      for (const algorithm of ALGORITHMS) {
        const key = keyOf(seeds[algorithm].base32);
        const at = row.unix * 1000;
        expect(totpCode(key, at, 30, 8, algorithm)).toBe(row[algorithm]);
        expect(totpCode(key, at, 30, 6, algorithm)).toBe(row[algorithm].slice(2));
      }
    }
  });

  it('keeps the leading zero of 07081804', () => {
    const key = keyOf(v.totp_rfc6238_appendixB.seeds.SHA1.base32);
    expect(totpCode(key, 1_111_111_109_000, 30, 8, 'SHA1')).toBe('07081804');
  });

  it('gives the known wrong value when a SHA-256 token is fed the 20-byte seed', () => {
    const key = keyOf(v.totp_rfc6238_appendixB.seeds.SHA1.base32);
    const pitfall = v.totp_rfc6238_appendixB.pitfall_sha256_with_20_byte_seed_at_59;
    expect(totpCode(key, 59_000, 30, 8, 'SHA256')).toBe(pitfall);
  });

  it('uses all 64 counter bits above 2^32 and refuses counters that are not exact', () => {
    const key = keyOf(v.hotp_rfc4226_appendixD.secret_base32);
    expect(hotpCode(key, 2 ** 32 + 1, 6, 'SHA1')).not.toBe(hotpCode(key, 1, 6, 'SHA1'));
    expect(() => hotpCode(key, 2 ** 53, 6, 'SHA1')).toThrow(RangeError);
    expect(() => hotpCode(key, -1, 6, 'SHA1')).toThrow(RangeError);
    expect(() => hotpCode(key, 1.5, 6, 'SHA1')).toThrow(RangeError);
  });
});

describe('stepAt', () => {
  it('counts whole steps since the epoch for 30 s and 60 s intervals', () => {
    expect(stepAt(59_999, 30)).toBe(1);
    expect(stepAt(60_000, 30)).toBe(2);
    expect(stepAt(59_999, 60)).toBe(0);
    expect(stepAt(20_000_000_000_000, 30)).toBe(666_666_666);
  });
});

describe('hotpValue over prepared HMAC-SHA-1 pads', () => {
  it('equals createHmac for keys of 1 to 130 bytes and counters beyond 2^32', () => {
    const reference = (key: Buffer, counter: number): number => {
      const message = Buffer.alloc(8);
      message.writeUInt32BE(Math.floor(counter / 2 ** 32), 0);
      message.writeUInt32BE(counter % 2 ** 32, 4);
      const mac = createHmac('sha1', key).update(message).digest();
      return (mac.readUInt32BE((mac[19] as number) & 0x0f) & 0x7fffffff) % 100_000_000;
    };
    for (let length = 1; length <= 130; length++) {
      const key = randomBytes(length);
      const pads = hmacSha1Pads(key);
      for (const counter of [0, 1, 55_555_555, 2 ** 32 + 7, randomInt(2 ** 47)]) {
        const expected = reference(key, counter);
        expect(hotpValue(key, counter, 8, 'SHA1', pads)).toBe(expected);
        expect(hotpValue(key, counter, 8, 'SHA1')).toBe(expected);
        expect(hotpValue(key, counter, 6, 'SHA1', pads)).toBe(expected % 1_000_000);
      }
    }
  });
});
