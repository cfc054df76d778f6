// Access-Requests built the way a NAS builds them, with node:crypto (independent of our codec):
// Message-Authenticator first, User-Name, User-Password hidden per RFC 2865 section 5.2.
import crypto from 'node:crypto';

const ACCESS_REQUEST = 1;
const USER_NAME = 1;
const USER_PASSWORD = 2;
const MESSAGE_AUTHENTICATOR = 80;

export function accessRequest(
  identifier: number,
  userName: string,
  password: string,
  secret: Buffer,
  authenticator: Buffer,
): Buffer {
  const name = Buffer.from(userName, 'utf8');
  const hidden = hidePassword(Buffer.from(password, 'utf8'), secret, authenticator);
  const length = 20 + 18 + 2 + name.length + 2 + hidden.length;

  const packet = Buffer.alloc(length);
  packet[0] = ACCESS_REQUEST;
  packet[1] = identifier;
  packet.writeUInt16BE(length, 2);
  authenticator.copy(packet, 4);
  let at = 20;
  packet[at] = MESSAGE_AUTHENTICATOR;
  packet[at + 1] = 18;
  at += 18;
  packet[at] = USER_NAME;
  packet[at + 1] = name.length + 2;
  name.copy(packet, at + 2);
  at += name.length + 2;
  packet[at] = USER_PASSWORD;
  packet[at + 1] = hidden.length + 2;
  hidden.copy(packet, at + 2);

  // RFC 3579: the HMAC is taken with the attribute's own value as zeros (it still is).
  crypto.createHmac('md5', secret).update(packet).digest().copy(packet, 22);
  return packet;
}

function hidePassword(plain: Buffer, secret: Buffer, authenticator: Buffer): Buffer {
  const padded = Buffer.alloc(Math.max(16, Math.ceil(plain.length / 16) * 16));
  plain.copy(padded);
  let previous = authenticator;
  for (let block = 0; block < padded.length; block += 16) {
    const key = crypto.createHash('md5').update(secret).update(previous).digest();
    for (let i = 0; i < 16; i++) padded[block + i]! ^= key[i]!;
    previous = padded.subarray(block, block + 16);
  }
  return padded;
}

/** RFC 2865 section 3: the Response Authenticator, checked over the response as received. */
export function isResponseAuthentic(
  response: Buffer,
  requestAuthenticator: Buffer,
  secret: Buffer,
): boolean {
  if (response.length < 20) return false;
  const expected = crypto
    .createHash('md5')
    .update(response.subarray(0, 4))
    .update(requestAuthenticator)
    .update(response.subarray(20))
    .update(secret)
    .digest();
  return expected.equals(response.subarray(4, 20));
}
