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
    const cached = this.entries.get(id);
    if (cached !== undefined && sameStamp(cached.stamp, sealed)) return cached.key;

    const key = this.box.open(sealed, SEED_PURPOSE);
    this.entries.delete(id);
    this.entries.set(id, { stamp: Buffer.from(sealed.subarray(0, STAMP_BYTES)), key });
    // First in, first out: a hit does not reorder (that would cost a Map delete and insert on
    // every verification); an evicted key that is still in use is simply opened again.
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

// Compared without allocating: this runs on every verification. The stamp is not secret.
function sameStamp(stamp: Buffer, sealed: Uint8Array): boolean {
  if (sealed.length < STAMP_BYTES) return false;
  for (let i = 0; i < STAMP_BYTES; i++) if (stamp[i] !== sealed[i]) return false;
  return true;
}

export function sealSeed(box: SecretBox, key: Buffer): Buffer {
  return box.seal(key, SEED_PURPOSE);
}
