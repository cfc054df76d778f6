// RFC 5080 section 2.2.2: a retransmitted request (same source address and port, Identifier and
// Request Authenticator) gets the response already sent, byte for byte, and is not verified a
// second time. A request is remembered before its answer is made, so a retransmission that
// arrives while the first copy is still being verified waits for the same answer.

import { AUTHENTICATOR_LENGTH } from './codec/constants.js';

export interface RetransmitCacheOptions {
  /** How long a response is replayed, in milliseconds; default 5000. */
  ttlMs?: number;
  /** At most this many entries; the oldest go first. Default 65536. */
  maxEntries?: number;
}

/** One remembered request: its answer once made, and what waits for it until then. */
export class Remembered<T> {
  /** The response to replay; null when there is none to send. */
  response: Buffer | null = null;
  /** What the caller needs to report a replay; undefined while the answer is being made. */
  report: T | undefined = undefined;
  private waiting: ((response: Buffer | null, report: T) => void)[] | null = null;

  /** The request's length and a 60-bit digest of its bytes, to tell a changed packet. */
  private readonly length: number;
  private readonly digestLow: number;
  private readonly digestHigh: number;

  constructor(
    request: Buffer,
    readonly expiresAt: number,
    /** Index of this entry's key in the cache's `order` (relative to the array, not `head`). */
    public position: number,
  ) {
    this.length = request.length;
    digest(request);
    this.digestLow = digestLow;
    this.digestHigh = digestHigh;
  }

  /** Whether `request` has the bytes of the request remembered here. */
  isSameRequest(request: Buffer): boolean {
    if (request.length !== this.length) return false;
    digest(request);
    return digestLow === this.digestLow && digestHigh === this.digestHigh;
  }

  /** Calls `then` with the answer: at once if it is made, else when it is. */
  whenSettled(then: (response: Buffer | null, report: T) => void): void {
    if (this.report !== undefined) then(this.response, this.report);
    else (this.waiting ??= []).push(then);
  }

  settle(response: Buffer | null, report: T): void {
    this.response = response;
    this.report = report;
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) for (const then of waiting) then(response, report);
  }
}

/** The two halves of the last `digest`: one pass, no object per packet. */
let digestLow = 0;
let digestHigh = 0;

/**
 * Two 30-bit multiplicative hashes of the octets in one pass (small integers, kept in the entry
 * itself). The request is not kept: holding every datagram for five seconds moved each one, with
 * its own backing store, into the old generation and made the young collections, which delay
 * every request in flight, longer. A changed packet that matched both halves would only get the
 * earlier answer, sent to the same address; with Message-Authenticator it cannot be forged anyway.
 */
function digest(octets: Buffer): void {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ octets.length;
  for (let i = 0; i < octets.length; i++) {
    const octet = octets[i] as number;
    a = Math.imul(a ^ octet, 0x01000193);
    b = Math.imul(b ^ octet, 0x5bd1e995) ^ (b >>> 15);
  }
  digestLow = (a ^ (a >>> 15)) & 0x3fffffff;
  digestHigh = (b ^ (b >>> 13)) & 0x3fffffff;
}

/**
 * `miss`, or `conflict` when the key matches but the bytes differ: the authenticator was reused,
 * which no honest NAS does.
 */
export type CacheLookup<T> = Remembered<T> | 'miss' | 'conflict';

let keyOctets = Buffer.alloc(128);

/**
 * The address's characters, then port, Identifier and authenticator as 19 octets, read as one
 * latin1 string: one flat string per packet, where a template made several and left a rope that
 * the Map flattened again. The fixed-length tail keeps keys of different addresses apart.
 */
export function retransmitKey(
  address: string,
  port: number,
  identifier: number,
  authenticator: Buffer,
): string {
  const length = address.length + 3 + AUTHENTICATOR_LENGTH;
  if (keyOctets.length < length) keyOctets = Buffer.alloc(2 * length);
  for (let i = 0; i < address.length; i++) {
    const char = address.charCodeAt(i);
    // Addresses are ASCII. Anything else gets a key marked with a character latin1 never gives.
    if (char > 0x7f) {
      return `\u0100${address}|${port}|${identifier}|${authenticator.toString('hex')}`;
    }
    keyOctets[i] = char;
  }
  let at = address.length;
  keyOctets[at++] = port >>> 8;
  keyOctets[at++] = port & 0xff;
  keyOctets[at++] = identifier;
  for (let i = 0; i < AUTHENTICATOR_LENGTH; i++) keyOctets[at++] = authenticator[i] ?? 0;
  return keyOctets.toString('latin1', 0, length);
}

/** Replays responses; `T` is whatever the caller needs to report a replay. */
export class RetransmitCache<T> {
  private readonly entries = new Map<string, Remembered<T>>();
  private order: string[] = [];
  private head = 0;
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(options: RetransmitCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 5000;
    this.maxEntries = options.maxEntries ?? 65536;
  }

  get size(): number {
    return this.entries.size;
  }

  lookup(key: string, request: Buffer, now: number): CacheLookup<T> {
    const entry = this.entries.get(key);
    if (!entry) return 'miss';
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return 'miss';
    }
    return entry.isSameRequest(request) ? entry : 'conflict';
  }

  /** Remembers a request whose answer is still to be made: `settle` it, or `forget` it. */
  remember(key: string, request: Buffer, now: number): Remembered<T> {
    this.evict(now);
    // Set replaces an entry of the same key; its old position in `order` is then stale.
    const entry = new Remembered<T>(request, now + this.ttlMs, this.order.length);
    this.entries.set(key, entry);
    this.order.push(key);
    return entry;
  }

  /**
   * Forgets a request, so that a retransmission is processed afresh (after an engine error);
   * only while `key` still names this entry, not a later request that took the key over.
   */
  forget(key: string, entry: Remembered<T>): void {
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }

  /**
   * Keys leave in the order they came, through `order` rather than by iterating the Map: V8
   * keeps deleted Map slots until it rehashes, so walking from the front after many deletions
   * costs time in proportion to the holes (it took a quarter of all packet time under load).
   * When the cache is full of live entries the oldest is evicted even if still pending: a
   * retransmission of it would then be verified again, which the engine's replay check
   * refuses rather than accepts twice.
   */
  private evict(now: number): void {
    while (this.head < this.order.length) {
      const key = this.order[this.head]!;
      const entry = this.entries.get(key);
      // A key forgotten, or remembered again later, leaves a stale position here to skip.
      const owns = entry !== undefined && entry.position === this.head;
      if (owns && entry.expiresAt > now && this.entries.size < this.maxEntries) break;
      this.head++;
      if (owns) this.entries.delete(key);
    }
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      for (const entry of this.entries.values()) entry.position -= this.head;
      this.head = 0;
    }
  }
}
