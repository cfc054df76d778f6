// HOTP (RFC 4226) and the TOTP step (RFC 6238). This is the hot path of every verification.
//
// SHA-1 (every Entra token) is computed here in JavaScript from HMAC pads prepared once per key:
// an HMAC of the 8-byte counter is then two SHA-1 compressions, where `createHmac` re-derives the
// pads and crosses into C++ four times per step (about 3 us against well under 1 us). The code
// has no branch or table lookup that depends on the key or the counter. SHA-256 and SHA-512
// tokens are rare and keep `createHmac`.
import { createHash, createHmac } from 'node:crypto';

import type { HashAlgorithm } from '../types.js';

export type Digits = 6 | 8;

/** SHA-1 chaining values after the inner (words 0-4) and outer (words 5-9) HMAC pad blocks. */
export type HmacPads = Int32Array;

const NODE_HASH: Record<HashAlgorithm, string> = {
  SHA1: 'sha1',
  SHA256: 'sha256',
  SHA512: 'sha512',
};

const MODULUS: Record<Digits, number> = { 6: 1_000_000, 8: 100_000_000 };

const TWO_POW_32 = 0x1_0000_0000;
const SHA1_BLOCK = 64;
const SHA1_IV = Int32Array.of(
  0x67452301,
  0xefcdab89 | 0,
  0x98badcfe | 0,
  0x10325476,
  0xc3d2e1f0 | 0,
);

// Scratch space reused across calls: JavaScript runs one call at a time.
const counterBytes = Buffer.alloc(8);
const W = new Int32Array(80);
const H = new Int32Array(5);
const padBlock = Buffer.alloc(SHA1_BLOCK);

// Pads are cut from shared slabs: a server keeps one per cached key (100,000 by default), and a
// separate Int32Array each would cost an ArrayBuffer of its own, several times the 40 bytes.
const SLAB_PADS = 1024;
let slab = new Int32Array(0);
let slabUsed = 0;

function allocatePads(): HmacPads {
  if (slabUsed + 10 > slab.length) {
    slab = new Int32Array(SLAB_PADS * 10);
    slabUsed = 0;
  }
  slabUsed += 10;
  return slab.subarray(slabUsed - 10, slabUsed);
}

/** The HMAC-SHA-1 pads of `key`, to pass to `hotpValue` for every step checked with that key. */
export function hmacSha1Pads(key: Buffer): HmacPads {
  const material = key.length > SHA1_BLOCK ? createHash('sha1').update(key).digest() : key;
  const pads = allocatePads();
  for (const [at, byte] of [
    [0, 0x36],
    [5, 0x5c],
  ] as const) {
    padBlock.fill(byte);
    for (let i = 0; i < material.length; i++) padBlock[i] = (material[i] as number) ^ byte;
    for (let i = 0; i < 16; i++) W[i] = padBlock.readInt32BE(i * 4);
    compress(SHA1_IV, 0);
    pads.set(H, at);
  }
  padBlock.fill(0);
  return pads;
}

/**
 * The HOTP value as a number (without leading zeros). Counters up to 2^53 - 1 are exact, which
 * covers TOTP far beyond the year 2603 (T = 20000000000 needs more than 32 bits). `pads` (from
 * hmacSha1Pads of the same key) saves preparing them again; it is used for SHA-1 only.
 */
export function hotpValue(
  key: Buffer,
  counter: number,
  digits: Digits,
  algorithm: HashAlgorithm,
  pads?: HmacPads,
): number {
  if (!Number.isSafeInteger(counter) || counter < 0) {
    throw new RangeError(`HOTP counter ${counter} is not an integer in 0..2^53-1`);
  }

  const high = Math.floor(counter / TWO_POW_32);
  const low = counter % TWO_POW_32;
  if (algorithm === 'SHA1') return sha1Value(pads ?? hmacSha1Pads(key), high, low, digits);

  counterBytes.writeUInt32BE(high, 0);
  counterBytes.writeUInt32BE(low, 4);
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

// Inner hash: the counter (8 bytes) after the inner pad block, 72 bytes in all. Outer hash: the
// 20-byte inner digest after the outer pad block, 84 bytes in all.
function sha1Value(pads: HmacPads, high: number, low: number, digits: Digits): number {
  W[0] = high;
  W[1] = low;
  W[2] = 0x80000000 | 0;
  W.fill(0, 3, 15);
  W[15] = (SHA1_BLOCK + 8) * 8;
  compress(pads, 0);

  W.set(H, 0);
  W[5] = 0x80000000 | 0;
  W.fill(0, 6, 15);
  W[15] = (SHA1_BLOCK + 20) * 8;
  compress(pads, 5);

  // Dynamic truncation, RFC 4226 section 5.3, on the digest's big-endian words. The byte offset
  // comes from the digest, as the RFC prescribes; it is not the code and not secret on its own.
  const offset = (H[4] as number) & 0x0f;
  const word = offset >>> 2;
  const shift = (offset & 3) * 8;
  const first = H[word] as number;
  const binary =
    shift === 0 ? first : (first << shift) | ((H[word + 1] as number) >>> (32 - shift));
  return (binary & 0x7fffffff) % MODULUS[digits];
}

// One SHA-1 compression of the block in W[0..15], from the chaining values state[at..at+4],
// into H.
function compress(state: Int32Array, at: number): void {
  for (let t = 16; t < 80; t++) {
    const x =
      (W[t - 3] as number) ^ (W[t - 8] as number) ^ (W[t - 14] as number) ^ (W[t - 16] as number);
    W[t] = (x << 1) | (x >>> 31);
  }

  let a = state[at] as number;
  let b = state[at + 1] as number;
  let c = state[at + 2] as number;
  let d = state[at + 3] as number;
  let e = state[at + 4] as number;
  for (let t = 0; t < 80; t++) {
    let f: number;
    if (t < 20) f = ((b & c) | (~b & d)) + 0x5a827999;
    else if (t < 40) f = (b ^ c ^ d) + 0x6ed9eba1;
    else if (t < 60) f = ((b & c) | (b & d) | (c & d)) - 0x70e44324;
    else f = (b ^ c ^ d) - 0x359d3e2a;
    const next = (((a << 5) | (a >>> 27)) + f + e + (W[t] as number)) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = next;
  }

  H[0] = ((state[at] as number) + a) | 0;
  H[1] = ((state[at + 1] as number) + b) | 0;
  H[2] = ((state[at + 2] as number) + c) | 0;
  H[3] = ((state[at + 3] as number) + d) | 0;
  H[4] = ((state[at + 4] as number) + e) | 0;
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
