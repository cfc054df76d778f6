// Opened seeds, kept in memory so that a verification does not pay an AES-GCM decryption.
// An entry is valid only for the exact sealed value it came from: the cache compares the sealed
// blob's IV and tag (unique per seal) with the row it is asked about, so a seed replaced by a
// re-upload or any other writer is never served stale, even if nobody told the cache.
import type { SecretBox } from '../crypto/secret-box.js';
import { hmacSha1Pads, type HmacPads } from '../otp/hotp.js';

/** Default bound: 100,000 keys of 20-64 bytes is a few megabytes. */
export const DEFAULT_KEY_CACHE_SIZE = 100_000;

const SEED_PURPOSE = 'seed';
// AES-GCM IV (12 bytes) and tag (16 bytes) at the front of a sealed value, see secret-box.ts.
const STAMP_BYTES = 28;

/** An opened seed, and its HMAC-SHA-1 pads once a SHA-1 check asked for them. */
export interface OpenedKey {
  stamp: Buffer;
  key: Buffer;
  pads: HmacPads | null;
}

export class KeyCache {
  private entries = new Map<number, OpenedKey>();

  constructor(
    private readonly box: SecretBox,
    private readonly maxEntries = DEFAULT_KEY_CACHE_SIZE,
  ) {}

  /** The opened seed of token `id` whose sealed value is `sealed`. */
  open(id: number, sealed: Uint8Array): Buffer {
    return this.entry(id, sealed).key;
  }

  /** The opened seed with its HMAC-SHA-1 pads, prepared once per cached key. */
  openWithPads(id: number, sealed: Uint8Array): { key: Buffer; pads: HmacPads } {
    const entry = this.entry(id, sealed);
    entry.pads ??= hmacSha1Pads(entry.key);
    return entry as { key: Buffer; pads: HmacPads };
  }

  private entry(id: number, sealed: Uint8Array): OpenedKey {
    const cached = this.entries.get(id);
    if (cached !== undefined && sameStamp(cached.stamp, sealed)) return cached;

    const key = this.box.open(sealed, SEED_PURPOSE);
    const entry = { stamp: Buffer.from(sealed.subarray(0, STAMP_BYTES)), key, pads: null };
    this.forget(id);
    this.entries.set(id, entry);
    // First in, first out: a hit does not reorder (that would cost a Map delete and insert on
    // every verification); an evicted key that is still in use is simply opened again.
    if (this.entries.size > this.maxEntries) this.evictOldest();
    return entry;
  }

  /** Forgets a token's key, when it is deleted or its seed changes. */
  forget(id: number): void {
    const entry = this.entries.get(id);
    if (entry === undefined) return;

    entry.key.fill(0);
    entry.pads?.fill(0);
    this.entries.delete(id);
  }

  /** How many keys the cache holds at most. */
  get capacity(): number {
    return this.maxEntries;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Evicts the oldest sixteenth in one walk. V8 keeps a deleted Map slot until it rebuilds the
   * table, so finding the oldest key walks past every slot deleted before it: one walk per
   * eviction made a full server's sign-ins five times slower within minutes.
   */
  private evictOldest(): void {
    let count = Math.max(1, this.maxEntries >> 4);
    for (const id of this.entries.keys()) {
      if (count-- === 0) break;
      this.forget(id);
    }
  }
}

// Compared without allocating: this runs on every verification. The stamp is not secret.
function sameStamp(stamp: Buffer, sealed: Uint8Array): boolean {
  if (sealed.length < STAMP_BYTES) return false;
  for (let i = 0; i < STAMP_BYTES; i++) if (stamp[i] !== sealed[i]) return false;
  return true;
}

export function sealSeed(box: SecretBox, key: Buffer): Buffer {
  return box.seal(key, SEED_PURPOSE);
}
