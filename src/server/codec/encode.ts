// Encoding of Access-Accept and Access-Reject. Every response carries a Message-Authenticator as
// its first attribute (the BlastRADIUS advice: a forged prefix cannot then choose what precedes
// it), and the Response Authenticator of RFC 2865 section 3.

import {
  Attr,
  AUTHENTICATOR_LENGTH,
  HEADER_LENGTH,
  MAX_PACKET_LENGTH,
  MESSAGE_AUTHENTICATOR_LENGTH,
  type ResponseCode,
} from './constants.js';
import { md5Into } from './md5.js';
import { writeMessageAuthenticator } from './message-authenticator.js';
import { scratchOf } from './scratch.js';

export interface ResponseAttribute {
  type: number;
  value: Buffer;
}

/** The parts of a request a response depends on. */
export interface RequestIdentity {
  identifier: number;
  authenticator: Buffer;
  /** Echoed after `attributes`, in order; a proxy needs them back (RFC 2865 section 5.33). */
  proxyStates?: readonly Buffer[];
}

export function encodeResponse(
  request: RequestIdentity,
  code: ResponseCode,
  attributes: readonly ResponseAttribute[],
  secret: Buffer,
): Buffer {
  const all: ResponseAttribute[] = [...attributes];
  for (const value of request.proxyStates ?? []) all.push({ type: Attr.proxyState, value });
  let length = HEADER_LENGTH + MESSAGE_AUTHENTICATOR_LENGTH;
  for (const attribute of all) {
    if (attribute.value.length > 253) {
      throw new RangeError(`attribute ${attribute.type} value exceeds 253 octets`);
    }
    length += 2 + attribute.value.length;
  }
  if (length > MAX_PACKET_LENGTH) throw new RangeError(`response of ${length} octets too long`);
  const packet = Buffer.alloc(length);
  packet[0] = code;
  packet[1] = request.identifier;
  packet.writeUInt16BE(length, 2);
  request.authenticator.copy(packet, 4, 0, AUTHENTICATOR_LENGTH);
  packet[HEADER_LENGTH] = Attr.messageAuthenticator;
  packet[HEADER_LENGTH + 1] = MESSAGE_AUTHENTICATOR_LENGTH;
  let at = HEADER_LENGTH + MESSAGE_AUTHENTICATOR_LENGTH;
  for (const attribute of all) {
    packet[at] = attribute.type;
    packet[at + 1] = 2 + attribute.value.length;
    attribute.value.copy(packet, at + 2);
    at += 2 + attribute.value.length;
  }
  // RFC 3579 section 3.2: the response's HMAC is taken with the Request Authenticator in place.
  const maOffset = HEADER_LENGTH + 2;
  writeMessageAuthenticator(packet, maOffset, secret, packet, maOffset);
  const work = scratchOf(length + secret.length);
  packet.copy(work);
  secret.copy(work, length);
  md5Into(work, length + secret.length, packet, 4);
  return packet;
}
