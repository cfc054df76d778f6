// What an upload remembers of its earlier rows to find repeats: each serial and a short hash of
// each secret, with the line they first appeared on. Rows themselves are not kept, so memory
// grows by about 100 bytes a row (1,000,000 rows: roughly 100 MB). The secret hash is a fast
// non-cryptographic 64-bit one (a SHA-256 per row cost 4 µs here); a collision, about 1 in 10^7
// for a million rows, would only add a needless warning.
import { fail, type RowFailure } from './row-check.js';

export class SeenInFile {
  private readonly serials = new Map<string, number>();
  private readonly secrets = new Map<string, number>();

  /** Records a serial; a failure when an earlier line had it. */
  serial(serial: string, line: number): RowFailure | null {
    const first = this.serials.get(serial);
    if (first === undefined) {
      this.serials.set(serial, line);
      return null;
    }
    return fail(
      'SERIAL_DUPLICATE_IN_FILE',
      `serial '${serial}' is already on line ${first} of this file`,
      'one token belongs to one user: keep one of the two lines',
    );
  }

  /** Records a secret's hash; the line of an earlier row with the same secret, if any. */
  secret(secret: string, line: number): number | null {
    const digest = hash64(secret);
    const first = this.secrets.get(digest);
    if (first !== undefined) return first;
    this.secrets.set(digest, line);
    return null;
  }
}

/** Two 32-bit FNV-1a variants over the text, as a 64-bit number written in base 36. */
function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(36) + ':' + (b >>> 0).toString(36);
}
