// RFC 5080 section 2.2.2: a retransmitted request (same source address and port, Identifier and
// Request Authenticator) gets the response already sent, byte for byte, and is not verified a
// second time. The pending promise is cached too, so a retransmission that arrives while the
// first copy is still being verified waits for the same answer.

export interface RetransmitCacheOptions {
  now: () => number;
  /** How long a response is replayed, in milliseconds; default 5000. */
  ttlMs?: number;
  /** At most this many entries; the oldest go first. Default 65536. */
  maxEntries?: number;
}

interface Entry<T> {
  request: Buffer;
  response: Promise<T>;
  expiresAt: number;
  /** Index of this entry's key in `order` (relative to the array, not to `head`). */
  position: number;
}

export type CacheLookup<T> =
  | { kind: 'miss' }
  | { kind: 'hit'; response: Promise<T> }
  /** Same key, different bytes: the authenticator was reused, which no honest NAS does. */
  | { kind: 'conflict' };

export function retransmitKey(
  address: string,
  port: number,
  identifier: number,
  authenticator: Buffer,
): string {
  return `${address}|${port}|${identifier}|${authenticator.toString('latin1')}`;
}

/** `T` is what is replayed: the response, and whatever the caller needs to report it. */
export class RetransmitCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private order: string[] = [];
  private head = 0;
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(private readonly options: RetransmitCacheOptions) {
    this.ttlMs = options.ttlMs ?? 5000;
    this.maxEntries = options.maxEntries ?? 65536;
  }

  get size(): number {
    return this.entries.size;
  }

  lookup(key: string, request: Buffer): CacheLookup<T> {
    const entry = this.entries.get(key);
    if (!entry) return { kind: 'miss' };
    if (entry.expiresAt <= this.options.now()) {
      this.entries.delete(key);
      return { kind: 'miss' };
    }
    if (!entry.request.equals(request)) return { kind: 'conflict' };
    return { kind: 'hit', response: entry.response };
  }

  /** Remembers a request and its (maybe pending) response. `request` is copied. */
  remember(key: string, request: Buffer, response: Promise<T>): void {
    this.evict();
    this.entries.delete(key);
    this.entries.set(key, {
      request: Buffer.from(request),
      response,
      expiresAt: this.options.now() + this.ttlMs,
      position: this.order.length,
    });
    this.order.push(key);
  }

  /** Forgets a request, so that a retransmission is processed afresh (after an engine error). */
  forget(key: string): void {
    this.entries.delete(key);
  }

  /**
   * Keys leave in the order they came, through `order` rather than by iterating the Map: V8
   * keeps deleted Map slots until it rehashes, so walking from the front after many deletions
   * costs time in proportion to the holes (it took a quarter of all packet time under load).
   * When the cache is full of live entries the oldest is evicted even if still pending: a
   * retransmission of it would then be verified again, which the engine's replay check
   * refuses rather than accepts twice.
   */
  private evict(): void {
    const now = this.options.now();
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
