// Opened seeds, kept in memory so that a verification does not pay an AES-GCM decryption.
// An entry is valid only for the exact sealed value it came from: the cache compares the sealed
// blob's IV and tag (unique per seal) with the row it is asked about, so a seed replaced by a
// re-upload or any other writer is never served stale, even if nobody told the cache.
import type { SecretBox } from '../crypto/secret-box.js';

/** Default bound: 100,000 keys of 20-64 bytes is a few megabytes. */
export const DEFAULT_KEY_CACHE_SIZE = 100_000;

const SEED_PURPOSE = 'seed';
// AES-GCM IV (12 bytes) and tag (16 bytes) at the front of a sealed value, see secret-box.ts.
const STAMP_BYTES = 28;

interface Entry {
  stamp: Buffer;
  key: Buffer;
}

export class KeyCache {
  private entries = new Map<number, Entry>();

  constructor(
    private readonly box: SecretBox,
    private readonly capacity = DEFAULT_KEY_CACHE_SIZE,
  ) {}

  /** The opened seed of token `id` whose sealed value is `sealed`. */
  open(id: number, sealed: Uint8Array): Buffer {
    const stamp = Buffer.from(sealed.buffer, sealed.byteOffset, STAMP_BYTES);
    const cached = this.entries.get(id);
    if (cached !== undefined && cached.stamp.equals(stamp)) {
      // Re-insert: a Map iterates in insertion order, so the oldest-used entry comes first.
      this.entries.delete(id);
      this.entries.set(id, cached);
      return cached.key;
    }

    const key = this.box.open(sealed, SEED_PURPOSE);
    this.entries.set(id, { stamp: Buffer.from(stamp), key });
    if (this.entries.size > this.capacity) this.evictOldest();
    return key;
  }

  /** Forgets a token's key, when it is deleted or its seed changes. */
  forget(id: number): void {
    const entry = this.entries.get(id);
    if (entry === undefined) return;

    entry.key.fill(0);
    this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }

  private evictOldest(): void {
    const oldest = this.entries.keys().next();
    if (!oldest.done) this.forget(oldest.value);
  }
}

export function sealSeed(box: SecretBox, key: Buffer): Buffer {
  return box.seal(key, SEED_PURPOSE);
}
