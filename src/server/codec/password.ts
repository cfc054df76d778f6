// PAP User-Password hiding, RFC 2865 section 5.2. Each 16-octet block is XORed with
// MD5(secret + previous block), where the previous block is the Request Authenticator for the
// first one and the previous CIPHERTEXT block after that (not the plain text).

import { AUTHENTICATOR_LENGTH, MAX_USER_PASSWORD_LENGTH } from './constants.js';
import { md5Into } from './md5.js';
import { scratchOf } from './scratch.js';

export type PasswordResult =
  | { ok: true; value: Buffer }
  | { ok: false; code: 'PASSWORD_TOO_LONG' | 'PASSWORD_MALFORMED'; reason: string };

const key = Buffer.alloc(AUTHENTICATOR_LENGTH);

/** MD5(secret + the 16 octets of `previous` at `at`) into the shared `key` block. */
function keyBlock(secret: Buffer, previous: Buffer, at: number): Buffer {
  const work = scratchOf(secret.length + AUTHENTICATOR_LENGTH);
  work.set(secret);
  for (let i = 0; i < AUTHENTICATOR_LENGTH; i++) work[secret.length + i] = previous[at + i] ?? 0;
  md5Into(work, secret.length + AUTHENTICATOR_LENGTH, key);
  return key;
}

/**
 * Decodes a User-Password value. An oversize value is refused whole: cutting it to 128 octets
 * would turn a garbled request into a different, shorter password.
 */
export function decodeUserPassword(
  hidden: Buffer,
  secret: Buffer,
  requestAuthenticator: Buffer,
): PasswordResult {
  const length = hidden.length;
  if (length > MAX_USER_PASSWORD_LENGTH) {
    return {
      ok: false,
      code: 'PASSWORD_TOO_LONG',
      reason: `User-Password is ${length} octets; at most ${MAX_USER_PASSWORD_LENGTH} are legal`,
    };
  }
  if (length === 0 || length % AUTHENTICATOR_LENGTH !== 0) {
    return {
      ok: false,
      code: 'PASSWORD_MALFORMED',
      reason: `User-Password is ${length} octets; it must be a non-zero multiple of 16`,
    };
  }
  const plain = Buffer.allocUnsafe(length);
  for (let start = 0; start < length; start += AUTHENTICATOR_LENGTH) {
    if (start === 0) keyBlock(secret, requestAuthenticator, 0);
    else keyBlock(secret, hidden, start - AUTHENTICATOR_LENGTH);
    for (let i = 0; i < AUTHENTICATOR_LENGTH; i++) {
      plain[start + i] = hidden[start + i]! ^ key[i]!;
    }
  }
  let end = length;
  while (end > 0 && plain[end - 1] === 0) end--;
  if (end === 0) {
    return { ok: false, code: 'PASSWORD_MALFORMED', reason: 'User-Password is empty' };
  }
  for (let i = 0; i < end; i++) {
    if (plain[i] !== 0) continue;
    // Only trailing NULs are padding; one inside the value means a broken client or a wrong
    // secret, and guessing where the password ends would be worse than refusing it.
    return { ok: false, code: 'PASSWORD_MALFORMED', reason: 'User-Password contains a NUL octet' };
  }
  return { ok: true, value: plain.subarray(0, end) };
}

/** The client side of the same scheme; for tests, benchmarks and the RFC 2865 self-check. */
export function encodeUserPassword(
  password: Buffer,
  secret: Buffer,
  requestAuthenticator: Buffer,
): Buffer {
  const blocks = Math.max(1, Math.ceil(password.length / AUTHENTICATOR_LENGTH));
  const hidden = Buffer.alloc(blocks * AUTHENTICATOR_LENGTH);
  password.copy(hidden);
  for (let start = 0; start < hidden.length; start += AUTHENTICATOR_LENGTH) {
    if (start === 0) keyBlock(secret, requestAuthenticator, 0);
    else keyBlock(secret, hidden, start - AUTHENTICATOR_LENGTH);
    for (let i = 0; i < AUTHENTICATOR_LENGTH; i++) hidden[start + i]! ^= key[i]!;
  }
  return hidden;
}
