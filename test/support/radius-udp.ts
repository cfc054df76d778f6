// A NAS written with node:crypto alone, independent of our codec: PAP Access-Requests with a
// Message-Authenticator over one UDP socket, many in flight, responses checked for their
// Response Authenticator and matched to their request by Identifier.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';

export const ACCESS_REQUEST = 1;
export const ACCESS_ACCEPT = 2;
export const ACCESS_REJECT = 3;

function attribute(type: number, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([type, value.length + 2]), value]);
}

/** RFC 2865 section 5.2: the password hidden in 16-byte blocks chained through MD5. */
function hidePassword(password: Buffer, secret: Buffer, authenticator: Buffer): Buffer {
  const padded = Buffer.alloc(Math.max(16, Math.ceil(password.length / 16) * 16));
  password.copy(padded);
  let previous = authenticator;
  for (let at = 0; at < padded.length; at += 16) {
    const mask = createHash('md5').update(secret).update(previous).digest();
    for (let i = 0; i < 16; i++) padded[at + i] = (padded[at + i] as number) ^ (mask[i] as number);
    previous = padded.subarray(at, at + 16);
  }
  return padded;
}

export function accessRequest(
  secret: string,
  identifier: number,
  userName: string,
  password: string,
  authenticator: Buffer = randomBytes(16),
): Buffer {
  const key = Buffer.from(secret);
  const body = Buffer.concat([
    attribute(80, Buffer.alloc(16)),
    attribute(1, Buffer.from(userName)),
    attribute(2, hidePassword(Buffer.from(password), key, authenticator)),
  ]);
  const header = Buffer.alloc(20);
  header[0] = ACCESS_REQUEST;
  header[1] = identifier;
  header.writeUInt16BE(20 + body.length, 2);
  authenticator.copy(header, 4);
  const packet = Buffer.concat([header, body]);
  createHmac('md5', key).update(packet).digest().copy(packet, 22);
  return packet;
}

function isAuthenticResponse(response: Buffer, request: Buffer, secret: string): boolean {
  if (response.length < 20 || response.readUInt16BE(2) > response.length) return false;
  const expected = createHash('md5')
    .update(response.subarray(0, 4))
    .update(request.subarray(4, 20))
    .update(response.subarray(20, response.readUInt16BE(2)))
    .update(secret)
    .digest();
  return expected.equals(response.subarray(4, 20));
}

interface Waiter {
  request: Buffer;
  done(code: number | null): void;
  timer: NodeJS.Timeout;
}

/** One UDP socket acting as a NAS; at most 256 requests in flight (one per Identifier). */
export class RadiusUdpClient {
  private readonly waiting = new Map<number, Waiter>();
  private nextId = 0;
  /** Responses whose authenticator did not verify: must stay 0. */
  forged = 0;

  private constructor(
    private readonly socket: Socket,
    private readonly secret: string,
  ) {
    socket.on('message', (message) => this.receive(message));
  }

  static async open(secret: string): Promise<RadiusUdpClient> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new RadiusUdpClient(socket, secret);
  }

  /** The response code (2 accept, 3 reject), or null when none came within `timeoutMs`. */
  signIn(port: number, userName: string, password: string, timeoutMs = 2000) {
    return new Promise<number | null>((resolve) => {
      const id = this.freeIdentifier();
      if (id === null) throw new Error('more than 256 requests in flight on one socket');
      const request = accessRequest(this.secret, id, userName, password);
      const timer = setTimeout(() => this.settle(id, null), timeoutMs);
      this.waiting.set(id, { request, done: resolve, timer });
      this.socket.send(request, port, '127.0.0.1');
    });
  }

  /** Settles every request still waiting with null (the server was killed). */
  abandonAll(): void {
    for (const id of [...this.waiting.keys()]) this.settle(id, null);
  }

  close(): void {
    this.abandonAll();
    this.socket.close();
  }

  private freeIdentifier(): number | null {
    for (let i = 0; i < 256; i++) {
      const id = (this.nextId + i) & 0xff;
      if (!this.waiting.has(id)) {
        this.nextId = (id + 1) & 0xff;
        return id;
      }
    }
    return null;
  }

  private receive(message: Buffer): void {
    const waiter = this.waiting.get(message[1] ?? -1);
    if (!waiter) return;
    if (!isAuthenticResponse(message, waiter.request, this.secret)) {
      this.forged++;
      return;
    }
    this.settle(message[1] as number, message[0] as number);
  }

  private settle(id: number, code: number | null): void {
    const waiter = this.waiting.get(id);
    if (!waiter) return;
    this.waiting.delete(id);
    clearTimeout(waiter.timer);
    waiter.done(code);
  }
}
