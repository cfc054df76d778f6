// MD5 and HMAC-MD5 (RFC 1321, RFC 2104) over small buffers, written out because every RADIUS
// packet needs three or four of them and node:crypto's Hash and Hmac objects cost more to create
// and collect than hashing 100 octets does: with these, decoding and encoding got about twice
// as fast and the garbage collector's share of packet time fell. Checked against node:crypto in
// test/server/md5.test.ts. MD5 is what RADIUS prescribes; it is not used for anything else here.

const INITIAL = Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476);
const BLOCK = 64;

// Buffers, like every packet hashed, so that V8 sees one kind of array in these loops: with
// Uint8Arrays here beside the Buffers, bench/packet-path.ts took 2-3 µs more per packet.
const tail = Buffer.alloc(2 * BLOCK);
const state = new Int32Array(4);

function word(data: Uint8Array, at: number): number {
  return data[at]! | (data[at + 1]! << 8) | (data[at + 2]! << 16) | (data[at + 3]! << 24);
}

/**
 * The 64 steps of RFC 1321 spelt out, each shift and sine constant a literal (generated, not
 * typed): a loop over tables of shifts and sines took 1.7 times as long per block, and so did
 * one small function per round, which V8 stopped inlining after a few dozen calls.
 */
function compress(data: Uint8Array, offset: number): void {
  const x0 = word(data, offset);
  const x1 = word(data, offset + 4);
  const x2 = word(data, offset + 8);
  const x3 = word(data, offset + 12);
  const x4 = word(data, offset + 16);
  const x5 = word(data, offset + 20);
  const x6 = word(data, offset + 24);
  const x7 = word(data, offset + 28);
  const x8 = word(data, offset + 32);
  const x9 = word(data, offset + 36);
  const x10 = word(data, offset + 40);
  const x11 = word(data, offset + 44);
  const x12 = word(data, offset + 48);
  const x13 = word(data, offset + 52);
  const x14 = word(data, offset + 56);
  const x15 = word(data, offset + 60);
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let n: number;
  n = (a + ((b & c) | (~b & d)) + x0 + 0xd76aa478) | 0;
  a = (((n << 7) | (n >>> 25)) + b) | 0;
  n = (d + ((a & b) | (~a & c)) + x1 + 0xe8c7b756) | 0;
  d = (((n << 12) | (n >>> 20)) + a) | 0;
  n = (c + ((d & a) | (~d & b)) + x2 + 0x242070db) | 0;
  c = (((n << 17) | (n >>> 15)) + d) | 0;
  n = (b + ((c & d) | (~c & a)) + x3 + 0xc1bdceee) | 0;
  b = (((n << 22) | (n >>> 10)) + c) | 0;
  n = (a + ((b & c) | (~b & d)) + x4 + 0xf57c0faf) | 0;
  a = (((n << 7) | (n >>> 25)) + b) | 0;
  n = (d + ((a & b) | (~a & c)) + x5 + 0x4787c62a) | 0;
  d = (((n << 12) | (n >>> 20)) + a) | 0;
  n = (c + ((d & a) | (~d & b)) + x6 + 0xa8304613) | 0;
  c = (((n << 17) | (n >>> 15)) + d) | 0;
  n = (b + ((c & d) | (~c & a)) + x7 + 0xfd469501) | 0;
  b = (((n << 22) | (n >>> 10)) + c) | 0;
  n = (a + ((b & c) | (~b & d)) + x8 + 0x698098d8) | 0;
  a = (((n << 7) | (n >>> 25)) + b) | 0;
  n = (d + ((a & b) | (~a & c)) + x9 + 0x8b44f7af) | 0;
  d = (((n << 12) | (n >>> 20)) + a) | 0;
  n = (c + ((d & a) | (~d & b)) + x10 + 0xffff5bb1) | 0;
  c = (((n << 17) | (n >>> 15)) + d) | 0;
  n = (b + ((c & d) | (~c & a)) + x11 + 0x895cd7be) | 0;
  b = (((n << 22) | (n >>> 10)) + c) | 0;
  n = (a + ((b & c) | (~b & d)) + x12 + 0x6b901122) | 0;
  a = (((n << 7) | (n >>> 25)) + b) | 0;
  n = (d + ((a & b) | (~a & c)) + x13 + 0xfd987193) | 0;
  d = (((n << 12) | (n >>> 20)) + a) | 0;
  n = (c + ((d & a) | (~d & b)) + x14 + 0xa679438e) | 0;
  c = (((n << 17) | (n >>> 15)) + d) | 0;
  n = (b + ((c & d) | (~c & a)) + x15 + 0x49b40821) | 0;
  b = (((n << 22) | (n >>> 10)) + c) | 0;
  n = (a + ((b & d) | (c & ~d)) + x1 + 0xf61e2562) | 0;
  a = (((n << 5) | (n >>> 27)) + b) | 0;
  n = (d + ((a & c) | (b & ~c)) + x6 + 0xc040b340) | 0;
  d = (((n << 9) | (n >>> 23)) + a) | 0;
  n = (c + ((d & b) | (a & ~b)) + x11 + 0x265e5a51) | 0;
  c = (((n << 14) | (n >>> 18)) + d) | 0;
  n = (b + ((c & a) | (d & ~a)) + x0 + 0xe9b6c7aa) | 0;
  b = (((n << 20) | (n >>> 12)) + c) | 0;
  n = (a + ((b & d) | (c & ~d)) + x5 + 0xd62f105d) | 0;
  a = (((n << 5) | (n >>> 27)) + b) | 0;
  n = (d + ((a & c) | (b & ~c)) + x10 + 0x02441453) | 0;
  d = (((n << 9) | (n >>> 23)) + a) | 0;
  n = (c + ((d & b) | (a & ~b)) + x15 + 0xd8a1e681) | 0;
  c = (((n << 14) | (n >>> 18)) + d) | 0;
  n = (b + ((c & a) | (d & ~a)) + x4 + 0xe7d3fbc8) | 0;
  b = (((n << 20) | (n >>> 12)) + c) | 0;
  n = (a + ((b & d) | (c & ~d)) + x9 + 0x21e1cde6) | 0;
  a = (((n << 5) | (n >>> 27)) + b) | 0;
  n = (d + ((a & c) | (b & ~c)) + x14 + 0xc33707d6) | 0;
  d = (((n << 9) | (n >>> 23)) + a) | 0;
  n = (c + ((d & b) | (a & ~b)) + x3 + 0xf4d50d87) | 0;
  c = (((n << 14) | (n >>> 18)) + d) | 0;
  n = (b + ((c & a) | (d & ~a)) + x8 + 0x455a14ed) | 0;
  b = (((n << 20) | (n >>> 12)) + c) | 0;
  n = (a + ((b & d) | (c & ~d)) + x13 + 0xa9e3e905) | 0;
  a = (((n << 5) | (n >>> 27)) + b) | 0;
  n = (d + ((a & c) | (b & ~c)) + x2 + 0xfcefa3f8) | 0;
  d = (((n << 9) | (n >>> 23)) + a) | 0;
  n = (c + ((d & b) | (a & ~b)) + x7 + 0x676f02d9) | 0;
  c = (((n << 14) | (n >>> 18)) + d) | 0;
  n = (b + ((c & a) | (d & ~a)) + x12 + 0x8d2a4c8a) | 0;
  b = (((n << 20) | (n >>> 12)) + c) | 0;
  n = (a + (b ^ c ^ d) + x5 + 0xfffa3942) | 0;
  a = (((n << 4) | (n >>> 28)) + b) | 0;
  n = (d + (a ^ b ^ c) + x8 + 0x8771f681) | 0;
  d = (((n << 11) | (n >>> 21)) + a) | 0;
  n = (c + (d ^ a ^ b) + x11 + 0x6d9d6122) | 0;
  c = (((n << 16) | (n >>> 16)) + d) | 0;
  n = (b + (c ^ d ^ a) + x14 + 0xfde5380c) | 0;
  b = (((n << 23) | (n >>> 9)) + c) | 0;
  n = (a + (b ^ c ^ d) + x1 + 0xa4beea44) | 0;
  a = (((n << 4) | (n >>> 28)) + b) | 0;
  n = (d + (a ^ b ^ c) + x4 + 0x4bdecfa9) | 0;
  d = (((n << 11) | (n >>> 21)) + a) | 0;
  n = (c + (d ^ a ^ b) + x7 + 0xf6bb4b60) | 0;
  c = (((n << 16) | (n >>> 16)) + d) | 0;
  n = (b + (c ^ d ^ a) + x10 + 0xbebfbc70) | 0;
  b = (((n << 23) | (n >>> 9)) + c) | 0;
  n = (a + (b ^ c ^ d) + x13 + 0x289b7ec6) | 0;
  a = (((n << 4) | (n >>> 28)) + b) | 0;
  n = (d + (a ^ b ^ c) + x0 + 0xeaa127fa) | 0;
  d = (((n << 11) | (n >>> 21)) + a) | 0;
  n = (c + (d ^ a ^ b) + x3 + 0xd4ef3085) | 0;
  c = (((n << 16) | (n >>> 16)) + d) | 0;
  n = (b + (c ^ d ^ a) + x6 + 0x04881d05) | 0;
  b = (((n << 23) | (n >>> 9)) + c) | 0;
  n = (a + (b ^ c ^ d) + x9 + 0xd9d4d039) | 0;
  a = (((n << 4) | (n >>> 28)) + b) | 0;
  n = (d + (a ^ b ^ c) + x12 + 0xe6db99e5) | 0;
  d = (((n << 11) | (n >>> 21)) + a) | 0;
  n = (c + (d ^ a ^ b) + x15 + 0x1fa27cf8) | 0;
  c = (((n << 16) | (n >>> 16)) + d) | 0;
  n = (b + (c ^ d ^ a) + x2 + 0xc4ac5665) | 0;
  b = (((n << 23) | (n >>> 9)) + c) | 0;
  n = (a + (c ^ (b | ~d)) + x0 + 0xf4292244) | 0;
  a = (((n << 6) | (n >>> 26)) + b) | 0;
  n = (d + (b ^ (a | ~c)) + x7 + 0x432aff97) | 0;
  d = (((n << 10) | (n >>> 22)) + a) | 0;
  n = (c + (a ^ (d | ~b)) + x14 + 0xab9423a7) | 0;
  c = (((n << 15) | (n >>> 17)) + d) | 0;
  n = (b + (d ^ (c | ~a)) + x5 + 0xfc93a039) | 0;
  b = (((n << 21) | (n >>> 11)) + c) | 0;
  n = (a + (c ^ (b | ~d)) + x12 + 0x655b59c3) | 0;
  a = (((n << 6) | (n >>> 26)) + b) | 0;
  n = (d + (b ^ (a | ~c)) + x3 + 0x8f0ccc92) | 0;
  d = (((n << 10) | (n >>> 22)) + a) | 0;
  n = (c + (a ^ (d | ~b)) + x10 + 0xffeff47d) | 0;
  c = (((n << 15) | (n >>> 17)) + d) | 0;
  n = (b + (d ^ (c | ~a)) + x1 + 0x85845dd1) | 0;
  b = (((n << 21) | (n >>> 11)) + c) | 0;
  n = (a + (c ^ (b | ~d)) + x8 + 0x6fa87e4f) | 0;
  a = (((n << 6) | (n >>> 26)) + b) | 0;
  n = (d + (b ^ (a | ~c)) + x15 + 0xfe2ce6e0) | 0;
  d = (((n << 10) | (n >>> 22)) + a) | 0;
  n = (c + (a ^ (d | ~b)) + x6 + 0xa3014314) | 0;
  c = (((n << 15) | (n >>> 17)) + d) | 0;
  n = (b + (d ^ (c | ~a)) + x13 + 0x4e0811a1) | 0;
  b = (((n << 21) | (n >>> 11)) + c) | 0;
  n = (a + (c ^ (b | ~d)) + x4 + 0xf7537e82) | 0;
  a = (((n << 6) | (n >>> 26)) + b) | 0;
  n = (d + (b ^ (a | ~c)) + x11 + 0xbd3af235) | 0;
  d = (((n << 10) | (n >>> 22)) + a) | 0;
  n = (c + (a ^ (d | ~b)) + x2 + 0x2ad7d2bb) | 0;
  c = (((n << 15) | (n >>> 17)) + d) | 0;
  n = (b + (d ^ (c | ~a)) + x9 + 0xeb86d391) | 0;
  b = (((n << 21) | (n >>> 11)) + c) | 0;

  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
}

/** Hashes `length` octets of `data` on top of `from`, which already consumed `consumed` octets. */
function finish(
  from: Int32Array,
  consumed: number,
  data: Uint8Array,
  length: number,
  out: Uint8Array,
  outOffset: number,
): void {
  state[0] = from[0]!;
  state[1] = from[1]!;
  state[2] = from[2]!;
  state[3] = from[3]!;
  let at = 0;
  for (; at + BLOCK <= length; at += BLOCK) compress(data, at);
  const rest = length - at;
  const tailLength = rest < 56 ? BLOCK : 2 * BLOCK;
  for (let i = 0; i < rest; i++) tail[i] = data[at + i]!;
  tail[rest] = 0x80;
  for (let i = rest + 1; i < tailLength - 8; i++) tail[i] = 0;
  const bits = (consumed + length) * 8;
  const highBits = Math.floor(bits / 2 ** 32);
  for (let i = 0; i < 4; i++) {
    tail[tailLength - 8 + i] = (bits >>> (8 * i)) & 0xff;
    tail[tailLength - 4 + i] = (highBits >>> (8 * i)) & 0xff;
  }
  compress(tail, 0);
  if (tailLength > BLOCK) compress(tail, BLOCK);
  for (let i = 0; i < 4; i++) {
    const word = state[i]!;
    out[outOffset + 4 * i] = word & 0xff;
    out[outOffset + 4 * i + 1] = (word >>> 8) & 0xff;
    out[outOffset + 4 * i + 2] = (word >>> 16) & 0xff;
    out[outOffset + 4 * i + 3] = (word >>> 24) & 0xff;
  }
}

/** MD5 of the first `length` octets of `data`, written at `out[outOffset]`. */
export function md5Into(data: Uint8Array, length: number, out: Uint8Array, outOffset = 0): void {
  finish(INITIAL, 0, data, length, out, outOffset);
}

/** HMAC-MD5 key material: the states after the inner and outer padded-key blocks. */
export interface HmacMd5Key {
  inner: Int32Array;
  outer: Int32Array;
}

const keys = new WeakMap<Buffer, HmacMd5Key>();

/** Precomputed once per secret Buffer (remembered while that Buffer lives). */
export function hmacMd5Key(secret: Buffer): HmacMd5Key {
  const known = keys.get(secret);
  if (known) return known;
  const block = Buffer.alloc(BLOCK);
  if (secret.length > BLOCK) md5Into(secret, secret.length, block);
  else block.set(secret);
  const padded = Buffer.alloc(BLOCK);
  const pads: Int32Array[] = [];
  for (const pad of [0x36, 0x5c]) {
    for (let i = 0; i < BLOCK; i++) padded[i] = block[i]! ^ pad;
    state.set(INITIAL);
    compress(padded, 0);
    pads.push(Int32Array.from(state));
  }
  const key = { inner: pads[0]!, outer: pads[1]! };
  keys.set(secret, key);
  return key;
}

const innerDigest = Buffer.alloc(16);

/** HMAC-MD5 of the first `length` octets of `data`, written at `out[outOffset]`. */
export function hmacMd5Into(
  key: HmacMd5Key,
  data: Uint8Array,
  length: number,
  out: Uint8Array,
  outOffset = 0,
): void {
  finish(key.inner, BLOCK, data, length, innerDigest, 0);
  finish(key.outer, BLOCK, innerDigest, 16, out, outOffset);
}
