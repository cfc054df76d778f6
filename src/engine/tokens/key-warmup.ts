// Opens the seeds of activated tokens ahead of their first sign-in after a start, in the
// background. A cold seed costs an AES-GCM open (about 10 us, most of it creating the decipher)
// on the RADIUS hot path; warmed, the first sign-in of the day costs what later ones cost. Safe
// against stale keys: the cache checks every entry against the row's sealed value on each use.
import type { Store } from '../store/store.js';
import type { HashAlgorithm } from '../types.js';
import type { KeyCache } from './key-cache.js';

/** Rows per slice; each slice runs in one turn of the event loop (a few milliseconds). */
const SLICE_ROWS = 500;

interface SealedRow {
  id: number;
  secret: Uint8Array;
  algorithm: HashAlgorithm;
}

const SLICE = `SELECT id, secret, algorithm FROM tokens
  WHERE id > ? AND status = 'activated' AND enabled = 1 ORDER BY id LIMIT ?`;

/**
 * Opens up to `limit` seeds (the cache's capacity: more would only evict the first ones),
 * lowest token id first, yielding between slices so requests are served meanwhile. Resolves
 * with how many were opened; stops early when `isStopped` says so.
 */
export async function warmKeyCache(
  store: Store,
  keys: KeyCache,
  limit: number,
  isStopped: () => boolean = () => false,
): Promise<number> {
  let opened = 0;
  let after = 0;
  while (opened < limit && !isStopped()) {
    const rows = store.all<SealedRow>(SLICE, [after, Math.min(SLICE_ROWS, limit - opened)]);
    if (rows.length === 0) break;

    for (const row of rows) {
      try {
        if (row.algorithm === 'SHA1') keys.openWithPads(row.id, row.secret);
        else keys.open(row.id, row.secret);
      } catch {
        // A seed that does not open fails its sign-ins with the reason, as before; skip it here.
      }
    }
    opened += rows.length;
    after = rows[rows.length - 1]?.id ?? after;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return opened;
}
