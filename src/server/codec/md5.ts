// MD5 and HMAC-MD5 (RFC 1321, RFC 2104) over small buffers, written out because every RADIUS
// packet needs three or four of them and node:crypto's Hash and Hmac objects cost more to create
// and collect than hashing 100 octets does: with these, decoding and encoding got about twice
// as fast and the garbage collector's share of packet time fell. Checked against node:crypto in
// test/server/md5.test.ts. MD5 is what RADIUS prescribes; it is not used for anything else here.

const SHIFTS = Uint8Array.of(
  7,
  12,
  17,
  22,
  7,
  12,
  17,
  22,
  7,
  12,
  17,
  22,
  7,
  12,
  17,
  22,
  5,
  9,
  14,
  20,
  5,
  9,
  14,
  20,
  5,
  9,
  14,
  20,
  5,
  9,
  14,
  20,
  4,
  11,
  16,
  23,
  4,
  11,
  16,
  23,
  4,
  11,
  16,
  23,
  4,
  11,
  16,
  23,
  6,
  10,
  15,
  21,
  6,
  10,
  15,
  21,
  6,
  10,
  15,
  21,
  6,
  10,
  15,
  21,
);
const SINES = Int32Array.from({ length: 64 }, (_, i) =>
  Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32),
);
const INITIAL = Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476);
const BLOCK = 64;

const words = new Int32Array(16);
const tail = new Uint8Array(2 * BLOCK);
const state = new Int32Array(4);

function compress(data: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const at = offset + 4 * i;
    words[i] = data[at]! | (data[at + 1]! << 8) | (data[at + 2]! << 16) | (data[at + 3]! << 24);
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  // Four loops, one per round function, so that no iteration branches on its round.
  for (let i = 0; i < 16; i++) {
    const x = (a + ((b & c) | (~b & d)) + SINES[i]! + words[i]!) | 0;
    const shift = SHIFTS[i]!;
    a = d;
    d = c;
    c = b;
    b = (b + ((x << shift) | (x >>> (32 - shift)))) | 0;
  }
  for (let i = 16; i < 32; i++) {
    const x = (a + ((d & b) | (~d & c)) + SINES[i]! + words[(5 * i + 1) & 15]!) | 0;
    const shift = SHIFTS[i]!;
    a = d;
    d = c;
    c = b;
    b = (b + ((x << shift) | (x >>> (32 - shift)))) | 0;
  }
  for (let i = 32; i < 48; i++) {
    const x = (a + (b ^ c ^ d) + SINES[i]! + words[(3 * i + 5) & 15]!) | 0;
    const shift = SHIFTS[i]!;
    a = d;
    d = c;
    c = b;
    b = (b + ((x << shift) | (x >>> (32 - shift)))) | 0;
  }
  for (let i = 48; i < 64; i++) {
    const x = (a + (c ^ (b | ~d)) + SINES[i]! + words[(7 * i) & 15]!) | 0;
    const shift = SHIFTS[i]!;
    a = d;
    d = c;
    c = b;
    b = (b + ((x << shift) | (x >>> (32 - shift)))) | 0;
  }
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
  state.set(from);
  let at = 0;
  for (; at + BLOCK <= length; at += BLOCK) compress(data, at);
  const rest = length - at;
  tail.fill(0);
  for (let i = 0; i < rest; i++) tail[i] = data[at + i]!;
  tail[rest] = 0x80;
  const tailLength = rest < 56 ? BLOCK : 2 * BLOCK;
  const bits = (consumed + length) * 8;
  for (let i = 0; i < 4; i++) tail[tailLength - 8 + i] = (bits >>> (8 * i)) & 0xff;
  tail[tailLength - 4] = Math.floor(bits / 2 ** 32) & 0xff;
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
  const block = new Uint8Array(BLOCK);
  if (secret.length > BLOCK) md5Into(secret, secret.length, block);
  else block.set(secret);
  const padded = new Uint8Array(BLOCK);
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

const innerDigest = new Uint8Array(16);

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
