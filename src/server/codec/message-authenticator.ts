// Message-Authenticator, RFC 3579 section 3.2: HMAC-MD5 keyed with the shared secret over the
// whole packet, with the attribute's own 16 octets taken as zero.

import { createHmac, timingSafeEqual } from 'node:crypto';

import { AUTHENTICATOR_LENGTH } from './constants.js';

const ZERO_MAC = Buffer.alloc(AUTHENTICATOR_LENGTH);

/**
 * The HMAC of `packet` (exactly the Length octets) whose Message-Authenticator value starts at
 * `valueOffset`. Hashes the packet in three slices instead of copying it to zero the value.
 */
export function computeMessageAuthenticator(
  packet: Buffer,
  valueOffset: number,
  secret: Buffer,
): Buffer {
  return createHmac('md5', secret)
    .update(packet.subarray(0, valueOffset))
    .update(ZERO_MAC)
    .update(packet.subarray(valueOffset + AUTHENTICATOR_LENGTH))
    .digest();
}

/** Constant-time check of the Message-Authenticator value found at `valueOffset`. */
export function isMessageAuthenticatorValid(
  packet: Buffer,
  valueOffset: number,
  secret: Buffer,
): boolean {
  const expected = computeMessageAuthenticator(packet, valueOffset, secret);
  const received = packet.subarray(valueOffset, valueOffset + AUTHENTICATOR_LENGTH);
  return timingSafeEqual(expected, received);
}
