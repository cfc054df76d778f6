// RFC 5080 section 2.2.2: a retransmitted request (same source address and port, Identifier and
// Request Authenticator) gets the response already sent, byte for byte, and is not verified a
// second time. A request is remembered before its answer is made, so a retransmission that
// arrives while the first copy is still being verified waits for the same answer.

export interface RetransmitCacheOptions {
  /** How long a response is replayed, in milliseconds; default 5000. */
  ttlMs?: number;
  /** At most this many entries; the oldest go first. Default 65536. */
  maxEntries?: number;
}

/** One remembered request: its answer once made, and what waits for it until then. */
export class Remembered<T> {
  /** The answer; undefined while it is being made. */
  value: T | undefined = undefined;
  private waiting: ((value: T) => void)[] | null = null;

  constructor(
    /** Kept, not copied: whoever hands it in does not change it afterwards. */
    readonly request: Buffer,
    readonly expiresAt: number,
    /** Index of this entry's key in the cache's `order` (relative to the array, not `head`). */
    public position: number,
  ) {}

  /** Calls `then` with the answer: at once if it is made, else when it is. */
  whenSettled(then: (value: T) => void): void {
    if (this.value !== undefined) then(this.value);
    else (this.waiting ??= []).push(then);
  }

  settle(value: T): void {
    this.value = value;
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) for (const then of waiting) then(value);
  }
}

/**
 * `miss`, or `conflict` when the key matches but the bytes differ: the authenticator was reused,
 * which no honest NAS does.
 */
export type CacheLookup<T> = Remembered<T> | 'miss' | 'conflict';

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
    return entry.request.equals(request) ? entry : 'conflict';
  }

  /** Remembers a request whose answer is still to be made: `settle` it, or `forget` it. */
  remember(key: string, request: Buffer, now: number): Remembered<T> {
    this.evict(now);
    this.entries.delete(key);
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
