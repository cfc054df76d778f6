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
    });
  }

  /** Forgets a request, so that a retransmission is processed afresh (after an engine error). */
  forget(key: string): void {
    this.entries.delete(key);
  }

  /**
   * Entries go in time order, so expired ones sit at the front. When the cache is full of live
   * entries the oldest is evicted even if still pending: a retransmission of it would then be
   * verified again, which the engine's replay check refuses rather than accepts twice.
   */
  private evict(): void {
    const now = this.options.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now && this.entries.size < this.maxEntries) break;
      this.entries.delete(key);
    }
  }
}
