import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  Attr,
  Code,
  decodeRequest,
  decodeUserPassword,
  encodeResponse,
  encodeUserPassword,
  hasMessageAuthenticator,
} from '../../src/server/codec/index.js';
import { buildRequest, radiusLibrary } from './packets.js';

interface R02 {
  sharedSecret: string;
  requestAuthenticatorHex: string;
  selfCheck_RFC2865_section7_1: {
    secret: string;
    requestAuthenticatorHex: string;
    password: string;
    expectedUserPasswordHex: string;
  };
  cases: { plain: string; len: number; userPasswordHex: string }[];
}

const r02 = JSON.parse(
  readFileSync(new URL('../fixtures/cases/r02-pap-password-lengths.json', import.meta.url), 'utf8'),
) as R02;
const SECRET = 'nas-secret';
const secret = Buffer.from(SECRET);

/** `x*122 + 021131` in the fixture means 122 x's followed by the code. */
function expandPlain(plain: string): string {
  const match = /^(.)\*(\d+) \+ (\d+)$/.exec(plain);
  return match ? match[1]!.repeat(Number(match[2])) + match[3] : plain;
}

function decodeOk(packet: Buffer, key = secret) {
  const result = decodeRequest(packet, key);
  if (!result.ok) throw new Error(`unexpected drop ${result.code}`);
  return result.request;
}

describe('PAP User-Password', () => {
  const r02Secret = Buffer.from(r02.sharedSecret);
  const r02Auth = Buffer.from(r02.requestAuthenticatorHex, 'hex');

  it('reproduces the RFC 2865 section 7.1 example', () => {
    const check = r02.selfCheck_RFC2865_section7_1;
    const auth = Buffer.from(check.requestAuthenticatorHex, 'hex');
    const hidden = encodeUserPassword(Buffer.from(check.password), Buffer.from(check.secret), auth);
    expect(hidden.toString('hex')).toBe(check.expectedUserPasswordHex);
    const decoded = decodeUserPassword(hidden, Buffer.from(check.secret), auth);
    expect(decoded).toEqual({ ok: true, value: Buffer.from(check.password) });
  });

  for (const vector of r02.cases.filter((c) => c.len <= 128)) {
    it(`decodes the r02 vector of ${vector.len} octets exactly`, () => {
      const hidden = Buffer.from(vector.userPasswordHex, 'hex');
      const decoded = decodeUserPassword(hidden, r02Secret, r02Auth);
      const plain = expandPlain(vector.plain);
      expect(plain).toHaveLength(vector.len);
      expect(decoded.ok && decoded.value.toString('utf8')).toBe(plain);
    });
  }

  it('refuses a 144-octet value whole instead of cutting it to 128', () => {
    const hidden = encodeUserPassword(Buffer.from('x'.repeat(123) + '021131'), r02Secret, r02Auth);
    expect(hidden).toHaveLength(144);
    expect(decodeUserPassword(hidden, r02Secret, r02Auth)).toMatchObject({
      ok: false,
      code: 'PASSWORD_TOO_LONG',
    });
  });

  it('refuses values that are not a multiple of 16 octets', () => {
    const result = decodeUserPassword(Buffer.alloc(17, 1), r02Secret, r02Auth);
    expect(result).toMatchObject({ ok: false, code: 'PASSWORD_MALFORMED' });
  });

  it('strips only NUL padding and keeps trailing spaces and digits', () => {
    const plain = Buffer.from('pass  0 021131 ');
    const hidden = encodeUserPassword(plain, r02Secret, r02Auth);
    expect(decodeUserPassword(hidden, r02Secret, r02Auth)).toEqual({ ok: true, value: plain });
  });

  it('refuses a NUL inside the value, in any block, and an all-NUL value', () => {
    for (const at of [0, 5, 17, 40]) {
      const plain = Buffer.alloc(48, 0x61);
      plain[at] = 0;
      const hidden = encodeUserPassword(plain, r02Secret, r02Auth);
      expect(decodeUserPassword(hidden, r02Secret, r02Auth), `NUL at ${at}`).toEqual({
        ok: false,
        code: 'PASSWORD_MALFORMED',
        reason: 'User-Password contains a NUL octet',
      });
    }
    const empty = encodeUserPassword(Buffer.alloc(32), r02Secret, r02Auth);
    expect(decodeUserPassword(empty, r02Secret, r02Auth)).toMatchObject({
      reason: 'User-Password is empty',
    });
  });

  it('decodes every legal length from 1 to 128 octets', () => {
    for (let length = 1; length <= 128; length++) {
      const plain = Buffer.alloc(length, 0x41 + (length % 26));
      const hidden = encodeUserPassword(plain, r02Secret, r02Auth);
      expect(decodeUserPassword(hidden, r02Secret, r02Auth)).toEqual({ ok: true, value: plain });
    }
  });
});

describe('decodeRequest', () => {
  it('decodes an Access-Request built by the radius package', () => {
    const packet = radiusLibrary.encode({
      code: 'Access-Request',
      secret: SECRET,
      identifier: 42,
      attributes: [
        ['User-Name', 'helga@contoso.com'],
        ['User-Password', 'Winter-Fabrikam-2025!021131'],
      ],
      add_message_authenticator: true,
    });
    const request = decodeOk(packet);
    expect(request.identifier).toBe(42);
    expect(request.method).toBe('pap');
    expect(request.userName?.toString()).toBe('helga@contoso.com');
    expect(request.password).toEqual({
      ok: true,
      value: Buffer.from('Winter-Fabrikam-2025!021131'),
    });
    expect(request.hasMessageAuthenticator).toBe(true);
  });

  it('accepts a good Message-Authenticator wherever it sits', () => {
    const last = buildRequest({
      secret: SECRET,
      userName: 'a@b.c',
      password: 'p',
      messageAuthenticatorLast: true,
    });
    expect(decodeOk(last).hasMessageAuthenticator).toBe(true);
    expect(hasMessageAuthenticator(last)).toBe(true);
  });

  it('drops a request whose Message-Authenticator was made with another secret', () => {
    const packet = buildRequest({ secret: 'other', userName: 'a@b.c', password: 'p' });
    expect(decodeRequest(packet, secret)).toMatchObject({
      ok: false,
      code: 'BAD_MESSAGE_AUTHENTICATOR',
    });
  });

  it('drops a request altered after its Message-Authenticator was computed', () => {
    const packet = buildRequest({ secret: SECRET, userName: 'a@b.c', password: 'p' });
    packet[packet.length - 1]! ^= 1;
    expect(decodeRequest(packet, secret)).toMatchObject({ code: 'BAD_MESSAGE_AUTHENTICATOR' });
  });

  it('reports a request without Message-Authenticator as such', () => {
    const packet = buildRequest({
      secret: SECRET,
      userName: 'a@b.c',
      password: 'p',
      withMessageAuthenticator: false,
    });
    expect(decodeOk(packet).hasMessageAuthenticator).toBe(false);
    expect(hasMessageAuthenticator(packet)).toBe(false);
  });

  it('accepts a Status-Server only with a Message-Authenticator', () => {
    const good = buildRequest({ secret: SECRET, code: Code.statusServer });
    expect(decodeOk(good).code).toBe(Code.statusServer);
    const bare = buildRequest({
      secret: SECRET,
      code: Code.statusServer,
      withMessageAuthenticator: false,
    });
    expect(decodeRequest(bare, secret)).toMatchObject({ code: 'MISSING_MESSAGE_AUTHENTICATOR' });
  });

  it('detects CHAP, MS-CHAP and EAP so they can be refused as unsupported', () => {
    const chap = buildRequest({
      secret: SECRET,
      userName: 'a@b.c',
      extra: [{ type: Attr.chapPassword, value: Buffer.alloc(17) }],
    });
    expect(decodeOk(chap).method).toBe('chap');
    const msValue = Buffer.from([0, 0, 1, 0x37, 25, 52, ...Buffer.alloc(50)]);
    const mschap = buildRequest({
      secret: SECRET,
      userName: 'a@b.c',
      extra: [{ type: Attr.vendorSpecific, value: msValue }],
    });
    expect(decodeOk(mschap).method).toBe('mschap');
    const eap = buildRequest({
      secret: SECRET,
      userName: 'a@b.c',
      extra: [{ type: Attr.eapMessage, value: Buffer.from([2, 1, 0, 5, 1]) }],
    });
    expect(decodeOk(eap).method).toBe('eap');
  });

  it('drops a request with both User-Password and CHAP-Password', () => {
    const both = buildRequest({
      secret: SECRET,
      userName: 'a@b.c',
      password: 'p',
      extra: [{ type: Attr.chapPassword, value: Buffer.alloc(17) }],
    });
    expect(decodeRequest(both, secret)).toMatchObject({ code: 'CONFLICTING_CREDENTIALS' });
  });

  const good = buildRequest({ secret: SECRET, userName: 'a@b.c', password: 'p' });
  const malformed: [string, Buffer, string][] = [
    ['an empty datagram', Buffer.alloc(0), 'TRUNCATED'],
    ['a datagram shorter than a header', good.subarray(0, 19), 'TRUNCATED'],
    ['a Length beyond the datagram', good.subarray(0, good.length - 1), 'BAD_LENGTH'],
    ['a Length below 20', Buffer.from([1, 1, 0, 19, ...Buffer.alloc(16)]), 'BAD_LENGTH'],
    [
      'an attribute of length 0',
      Buffer.from([1, 1, 0, 22, ...Buffer.alloc(16), 1, 0]),
      'BAD_ATTRIBUTE_LENGTH',
    ],
    [
      'an attribute overrunning the packet',
      Buffer.from([1, 1, 0, 22, ...Buffer.alloc(16), 1, 9]),
      'BAD_ATTRIBUTE_LENGTH',
    ],
    [
      'a lone attribute type octet',
      Buffer.from([1, 1, 0, 21, ...Buffer.alloc(16), 1]),
      'BAD_ATTRIBUTE_LENGTH',
    ],
    ['an Accounting-Request', Buffer.from([4, 1, 0, 20, ...Buffer.alloc(16)]), 'UNKNOWN_CODE'],
    [
      'an Access-Accept sent to the server',
      Buffer.from([2, 1, 0, 20, ...Buffer.alloc(16)]),
      'UNKNOWN_CODE',
    ],
    [
      'a Message-Authenticator of the wrong size',
      Buffer.from([1, 1, 0, 24, ...Buffer.alloc(16), 80, 4, 0, 0]),
      'BAD_ATTRIBUTE_LENGTH',
    ],
    [
      'a second User-Name',
      Buffer.from([1, 1, 0, 26, ...Buffer.alloc(16), 1, 3, 97, 1, 3, 98]),
      'DUPLICATE_ATTRIBUTE',
    ],
  ];
  for (const [what, packet, code] of malformed) {
    it(`drops ${what} with reason ${code}`, () => {
      expect(decodeRequest(packet, secret)).toMatchObject({ ok: false, code });
      expect(hasMessageAuthenticator(packet)).toBe(false);
    });
  }

  it('ignores octets beyond the Length field as padding', () => {
    const padded = Buffer.concat([good, Buffer.from('trailing garbage')]);
    expect(decodeOk(padded).packet.equals(good)).toBe(true);
  });
});

describe('encodeResponse', () => {
  const request = buildRequest({
    secret: SECRET,
    userName: 'a@b.c',
    password: 'p',
    identifier: 99,
  });
  const decoded = decodeOk(request);
  const reply = [{ type: Attr.replyMessage, value: Buffer.from('Authentication failed') }];

  for (const [name, code] of [
    ['Access-Accept', Code.accessAccept],
    ['Access-Reject', Code.accessReject],
  ] as const) {
    it(`puts a valid Message-Authenticator first in an ${name}`, () => {
      const response = encodeResponse(decoded, code, reply, secret);
      expect(response[0]).toBe(code);
      expect(response[1]).toBe(99);
      expect(response.readUInt16BE(2)).toBe(response.length);
      expect(response[20]).toBe(Attr.messageAuthenticator);
      expect(response[21]).toBe(18);
      const zeroed = Buffer.from(response);
      decoded.authenticator.copy(zeroed, 4);
      zeroed.fill(0, 22, 38);
      const mac = createHmac('md5', secret).update(zeroed).digest();
      expect(response.subarray(22, 38).equals(mac)).toBe(true);
      decoded.authenticator.copy(zeroed, 4);
      mac.copy(zeroed, 22);
      const authenticator = createHash('md5').update(zeroed).update(secret).digest();
      expect(response.subarray(4, 20).equals(authenticator)).toBe(true);
    });
  }

  it('echoes Proxy-State attributes in order after the others', () => {
    const proxied = buildRequest({
      secret: SECRET,
      userName: 'a@b.c',
      password: 'p',
      extra: [
        { type: Attr.proxyState, value: Buffer.from('one') },
        { type: Attr.proxyState, value: Buffer.from('two') },
      ],
    });
    const response = encodeResponse(decodeOk(proxied), Code.accessReject, reply, secret);
    const parsed = radiusLibrary.decode({ packet: response, secret: SECRET });
    expect(parsed.raw_attributes.map(([type, value]) => `${type}:${value.toString()}`)).toEqual([
      `80:${response.subarray(22, 38).toString()}`,
      '18:Authentication failed',
      '33:one',
      '33:two',
    ]);
  });

  it('produces responses the radius package verifies', () => {
    const response = encodeResponse(decoded, Code.accessReject, reply, secret);
    expect(
      radiusLibrary.verify_response({ request, response: Buffer.from(response), secret: SECRET }),
    ).toBe(true);
    const parsed = radiusLibrary.decode({ packet: response, secret: SECRET });
    expect(parsed.attributes['Reply-Message']).toBe('Authentication failed');
    expect(parsed.raw_attributes[0]![0]).toBe(Attr.messageAuthenticator);
  });
});
