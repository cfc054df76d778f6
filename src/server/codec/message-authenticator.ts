// Message-Authenticator, RFC 3579 section 3.2: HMAC-MD5 keyed with the shared secret over the
// whole packet, with the attribute's own 16 octets taken as zero.

import { timingSafeEqual } from 'node:crypto';

import { AUTHENTICATOR_LENGTH } from './constants.js';
import { hmacMd5Into, hmacMd5Key } from './md5.js';
import { scratchOf } from './scratch.js';

const received = Buffer.alloc(AUTHENTICATOR_LENGTH);
const given = Buffer.alloc(AUTHENTICATOR_LENGTH);

/**
 * Writes the HMAC of `packet` (exactly the Length octets), whose Message-Authenticator value
 * starts at `valueOffset`, to `out[outOffset]`. `out` may be the packet itself.
 */
export function writeMessageAuthenticator(
  packet: Buffer,
  valueOffset: number,
  secret: Buffer,
  out: Buffer,
  outOffset: number,
): void {
  const work = scratchOf(packet.length);
  work.set(packet);
  for (let i = 0; i < AUTHENTICATOR_LENGTH; i++) work[valueOffset + i] = 0;
  hmacMd5Into(hmacMd5Key(secret), work, packet.length, out, outOffset);
}

export function computeMessageAuthenticator(
  packet: Buffer,
  valueOffset: number,
  secret: Buffer,
): Buffer {
  const out = Buffer.alloc(AUTHENTICATOR_LENGTH);
  writeMessageAuthenticator(packet, valueOffset, secret, out, 0);
  return out;
}

/** Constant-time check of the Message-Authenticator value found at `valueOffset`. */
export function isMessageAuthenticatorValid(
  packet: Buffer,
  valueOffset: number,
  secret: Buffer,
): boolean {
  writeMessageAuthenticator(packet, valueOffset, secret, received, 0);
  // Copied out rather than viewed: a subarray per packet costs more than 16 octets do.
  for (let i = 0; i < AUTHENTICATOR_LENGTH; i++) given[i] = packet[valueOffset + i]!;
  return timingSafeEqual(received, given);
}
