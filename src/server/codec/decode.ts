// Decoding of Access-Request and Status-Server packets. Every structural and security check is
// made here, explicitly; a bad packet is a drop reason, never an exception.

import {
  Attr,
  AUTHENTICATOR_LENGTH,
  Code,
  HEADER_LENGTH,
  MAX_PACKET_LENGTH,
  MESSAGE_AUTHENTICATOR_LENGTH,
  VENDOR_MICROSOFT,
} from './constants.js';
import { isMessageAuthenticatorValid } from './message-authenticator.js';
import { decodeUserPassword, type PasswordResult } from './password.js';

/** How the request asks to be authenticated. Only `pap` is supported. */
export type AuthMethod = 'pap' | 'chap' | 'mschap' | 'eap' | 'none';

export interface RadiusRequest {
  code: typeof Code.accessRequest | typeof Code.statusServer;
  identifier: number;
  /** The Request Authenticator; a view into `packet`. */
  authenticator: Buffer;
  /** Exactly the Length octets of the datagram; octets beyond them are padding (RFC 2865 §3). */
  packet: Buffer;
  userName: Buffer | null;
  method: AuthMethod;
  /** The decoded PAP password, or why it could not be decoded; null unless method is `pap`. */
  password: PasswordResult | null;
  hasMessageAuthenticator: boolean;
  nasIdentifier: Buffer | null;
  /** Proxy-State values, in order; a response must echo them (RFC 2865 section 5.33). */
  proxyStates: Buffer[];
}

export type DropCode =
  | 'TRUNCATED'
  | 'BAD_LENGTH'
  | 'BAD_ATTRIBUTE_LENGTH'
  | 'UNKNOWN_CODE'
  | 'DUPLICATE_ATTRIBUTE'
  | 'CONFLICTING_CREDENTIALS'
  | 'MISSING_MESSAGE_AUTHENTICATOR'
  | 'BAD_MESSAGE_AUTHENTICATOR';

export type DecodeResult =
  { ok: true; request: RadiusRequest } | { ok: false; code: DropCode; reason: string };

const NO_PROXY_STATES: Buffer[] = [];

function drop(code: DropCode, reason: string): DecodeResult {
  return { ok: false, code, reason };
}

/** Checks the header; returns the packet's Length, or a drop. */
function packetLength(buf: Buffer): number | DecodeResult {
  if (buf.length < HEADER_LENGTH) {
    return drop('TRUNCATED', `datagram of ${buf.length} octets is shorter than a header`);
  }
  const length = (buf[2]! << 8) | buf[3]!;
  if (length < HEADER_LENGTH || length > MAX_PACKET_LENGTH || length > buf.length) {
    return drop('BAD_LENGTH', `Length field ${length} does not fit a datagram of ${buf.length}`);
  }
  return length;
}

/**
 * Whether the packet carries a well-formed Message-Authenticator (not whether it is valid);
 * false for a packet whose attributes cannot be walked.
 */
export function hasMessageAuthenticator(buf: Buffer): boolean {
  const length = packetLength(buf);
  if (typeof length !== 'number') return false;
  let found = false;
  for (let at = HEADER_LENGTH; at < length;) {
    if (at + 2 > length) return false;
    const attrLength = buf[at + 1]!;
    if (attrLength < 2 || at + attrLength > length) return false;
    if (buf[at] === Attr.messageAuthenticator) {
      if (attrLength !== MESSAGE_AUTHENTICATOR_LENGTH) return false;
      found = true;
    }
    at += attrLength;
  }
  return found;
}

function isMicrosoftVendor(packet: Buffer, valueStart: number, valueLength: number): boolean {
  return valueLength >= 4 && packet.readUInt32BE(valueStart) === VENDOR_MICROSOFT;
}

export function decodeRequest(buf: Buffer, secret: Buffer): DecodeResult {
  const length = packetLength(buf);
  if (typeof length !== 'number') return length;
  // Nearly every datagram is exactly its packet; a view of the rest is made only for padding.
  const packet = length === buf.length ? buf : buf.subarray(0, length);
  const code = packet[0]!;
  if (code !== Code.accessRequest && code !== Code.statusServer) {
    return drop('UNKNOWN_CODE', `code ${code} is not Access-Request or Status-Server`);
  }
  let userName: Buffer | null = null;
  let hiddenPassword: Buffer | null = null;
  let nasIdentifier: Buffer | null = null;
  let proxyStates: Buffer[] | null = null;
  let maOffset = -1;
  let hasChap = false;
  let hasEap = false;
  let hasMsChap = false;
  let at = HEADER_LENGTH;
  while (at < length) {
    if (at + 2 > length) return drop('BAD_ATTRIBUTE_LENGTH', `attribute header cut at ${at}`);
    const type = packet[at]!;
    const attrLength = packet[at + 1]!;
    if (attrLength < 2 || at + attrLength > length) {
      return drop('BAD_ATTRIBUTE_LENGTH', `attribute ${type} at ${at} has length ${attrLength}`);
    }
    switch (type) {
      case Attr.userName:
        if (userName) return drop('DUPLICATE_ATTRIBUTE', 'User-Name appears twice');
        userName = packet.subarray(at + 2, at + attrLength);
        break;
      case Attr.userPassword:
        if (hiddenPassword) return drop('DUPLICATE_ATTRIBUTE', 'User-Password appears twice');
        hiddenPassword = packet.subarray(at + 2, at + attrLength);
        break;
      case Attr.nasIdentifier:
        nasIdentifier = packet.subarray(at + 2, at + attrLength);
        break;
      case Attr.proxyState:
        (proxyStates ??= []).push(packet.subarray(at + 2, at + attrLength));
        break;
      case Attr.chapPassword:
        hasChap = true;
        break;
      case Attr.eapMessage:
        hasEap = true;
        break;
      case Attr.vendorSpecific:
        hasMsChap ||= isMicrosoftVendor(packet, at + 2, attrLength - 2);
        break;
      case Attr.messageAuthenticator:
        if (maOffset >= 0) return drop('DUPLICATE_ATTRIBUTE', 'Message-Authenticator twice');
        if (attrLength !== MESSAGE_AUTHENTICATOR_LENGTH) {
          return drop('BAD_ATTRIBUTE_LENGTH', `Message-Authenticator has length ${attrLength}`);
        }
        maOffset = at + 2;
        break;
    }
    at += attrLength;
  }
  const hasMa = maOffset >= 0;
  if (hasMa && !isMessageAuthenticatorValid(packet, maOffset, secret)) {
    return drop('BAD_MESSAGE_AUTHENTICATOR', 'Message-Authenticator does not match the secret');
  }
  if (code === Code.statusServer && !hasMa) {
    // RFC 5997 section 3: a Status-Server without one MUST be discarded.
    return drop('MISSING_MESSAGE_AUTHENTICATOR', 'Status-Server without Message-Authenticator');
  }
  if (hiddenPassword && hasChap) {
    return drop('CONFLICTING_CREDENTIALS', 'both User-Password and CHAP-Password present');
  }
  const method: AuthMethod = hasEap
    ? 'eap'
    : hasChap
      ? 'chap'
      : hasMsChap
        ? 'mschap'
        : hiddenPassword
          ? 'pap'
          : 'none';
  const authenticator = packet.subarray(4, 4 + AUTHENTICATOR_LENGTH);
  const password =
    method === 'pap' && hiddenPassword
      ? decodeUserPassword(hiddenPassword, secret, authenticator)
      : null;
  return {
    ok: true,
    request: {
      code,
      identifier: packet[1]!,
      authenticator,
      packet,
      userName,
      method,
      password,
      hasMessageAuthenticator: hasMa,
      nasIdentifier,
      proxyStates: proxyStates ?? NO_PROXY_STATES,
    },
  };
}
