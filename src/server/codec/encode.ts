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
import { hmacMd5Into, hmacMd5Key, md5Into } from './md5.js';
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

const NO_PROXY_STATES: readonly Buffer[] = [];

export function encodeResponse(
  request: RequestIdentity,
  code: ResponseCode,
  attributes: readonly ResponseAttribute[],
  secret: Buffer,
): Buffer {
  const proxyStates = request.proxyStates ?? NO_PROXY_STATES;
  let length = HEADER_LENGTH + MESSAGE_AUTHENTICATOR_LENGTH;
  for (const attribute of attributes) length += sizeOf(attribute.type, attribute.value);
  for (const value of proxyStates) length += sizeOf(Attr.proxyState, value);
  if (length > MAX_PACKET_LENGTH) throw new RangeError(`response of ${length} octets too long`);
  // Not zero-filled: every octet is written below (pooled, so a response costs no ArrayBuffer).
  const packet = Buffer.allocUnsafe(length);
  packet[0] = code;
  packet[1] = request.identifier;
  packet[2] = length >>> 8;
  packet[3] = length & 0xff;
  const maOffset = HEADER_LENGTH + 2;
  for (let i = 0; i < AUTHENTICATOR_LENGTH; i++) {
    packet[4 + i] = request.authenticator[i] ?? 0;
    packet[maOffset + i] = 0;
  }
  packet[HEADER_LENGTH] = Attr.messageAuthenticator;
  packet[HEADER_LENGTH + 1] = MESSAGE_AUTHENTICATOR_LENGTH;
  let at = HEADER_LENGTH + MESSAGE_AUTHENTICATOR_LENGTH;
  for (const attribute of attributes) at = put(packet, at, attribute.type, attribute.value);
  for (const value of proxyStates) at = put(packet, at, Attr.proxyState, value);
  // RFC 3579 section 3.2: the response's HMAC is taken with the Request Authenticator in place
  // and its own value zero, as it is now.
  hmacMd5Into(hmacMd5Key(secret), packet, length, packet, maOffset);
  const work = scratchOf(length + secret.length);
  work.set(packet);
  work.set(secret, length);
  md5Into(work, length + secret.length, packet, 4);
  return packet;
}

function sizeOf(type: number, value: Buffer): number {
  if (value.length > 253) throw new RangeError(`attribute ${type} value exceeds 253 octets`);
  return 2 + value.length;
}

function put(packet: Buffer, at: number, type: number, value: Buffer): number {
  packet[at] = type;
  packet[at + 1] = 2 + value.length;
  packet.set(value, at + 2);
  return at + 2 + value.length;
}
