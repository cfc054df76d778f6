// Builds Access-Request and Status-Server packets the way a NAS does, for the tests.

import { createRequire } from 'node:module';

import {
  Attr,
  Code,
  computeMessageAuthenticator,
  encodeUserPassword,
} from '../../src/server/codec/index.js';

export interface RequestSpec {
  code?: number;
  identifier?: number;
  authenticator?: Buffer;
  secret: string;
  userName?: string | Buffer;
  password?: string | Buffer;
  /** Raw User-Password value, already hidden; overrides `password`. */
  hiddenPassword?: Buffer;
  withMessageAuthenticator?: boolean;
  /** Put the Message-Authenticator last instead of first. */
  messageAuthenticatorLast?: boolean;
  extra?: { type: number; value: Buffer }[];
}

function attribute(type: number, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([type, value.length + 2]), value]);
}

export function buildRequest(spec: RequestSpec): Buffer {
  const secret = Buffer.from(spec.secret);
  const authenticator = spec.authenticator ?? Buffer.alloc(16, 0x5a);
  const parts: Buffer[] = [];
  if (spec.userName !== undefined) {
    parts.push(attribute(Attr.userName, Buffer.from(spec.userName)));
  }
  const hidden =
    spec.hiddenPassword ??
    (spec.password === undefined
      ? undefined
      : encodeUserPassword(Buffer.from(spec.password), secret, authenticator));
  if (hidden) parts.push(attribute(Attr.userPassword, hidden));
  for (const extra of spec.extra ?? []) parts.push(attribute(extra.type, extra.value));
  const ma = attribute(Attr.messageAuthenticator, Buffer.alloc(16));
  if (spec.withMessageAuthenticator ?? true) {
    if (spec.messageAuthenticatorLast) parts.push(ma);
    else parts.unshift(ma);
  }
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(20);
  header[0] = spec.code ?? Code.accessRequest;
  header[1] = spec.identifier ?? 7;
  header.writeUInt16BE(20 + body.length, 2);
  authenticator.copy(header, 4);
  const packet = Buffer.concat([header, body]);
  if (spec.withMessageAuthenticator ?? true) {
    const at = packet.indexOf(ma) + 2;
    computeMessageAuthenticator(packet, at, secret).copy(packet, at);
  }
  return packet;
}

/** The `radius` package, untyped, as an independent second implementation to check against. */
interface RadiusLibrary {
  encode(args: object): Buffer;
  verify_response(args: { request: Buffer; response: Buffer; secret: string }): boolean;
  decode(args: { packet: Buffer; secret: string }): {
    code: string;
    identifier: number;
    attributes: Record<string, unknown>;
    raw_attributes: [number, Buffer][];
  };
}

export const radiusLibrary = createRequire(import.meta.url)('radius') as RadiusLibrary;
