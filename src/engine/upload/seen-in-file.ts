// What an upload remembers of its earlier rows to find repeats: each serial and a short hash of
// each secret, with the line they first appeared on. Rows themselves are not kept, so memory
// grows by about 100 bytes a row (1,000,000 rows: roughly 100 MB).
import crypto from 'node:crypto';
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
    // 12 bytes of SHA-256 as a one-byte-per-character string: compact, collisions negligible.
    const digest = crypto.createHash('sha256').update(secret).digest().toString('latin1', 0, 12);
    const first = this.secrets.get(digest);
    if (first !== undefined) return first;
    this.secrets.set(digest, line);
    return null;
  }
}
