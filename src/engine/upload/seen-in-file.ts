// What an upload remembers of its earlier rows to find repeats: each serial and a short hash of
// each secret, with the line they first appeared on. Rows themselves are not kept.
//
// Both live in flat typed arrays rather than Maps: with 1,000,000 rows, Maps of strings cost
// about 3 s (a cache miss per entry, and every key a young string stored into an old table, which
// each scavenge then has to copy; a sliced key also kept its whole chunk of the file alive).
// Memory is at most about 150 bytes a row (the tables are kept at most half full). Serials are
// compared exactly; the secret hash is a fast non-cryptographic 64-bit one (a SHA-256 per row
// cost 4 µs here): a collision, about 1 in 10^7 for a million rows, would only add a needless
// warning.
import { fail, type RowFailure } from './row-check.js';
import { LineTable, type SameCheck } from './line-table.js';

export class SeenInFile implements SameCheck {
  private readonly serials = new LineTable();
  private readonly secrets = new LineTable();
  /** Every serial recorded, as UTF-16 code units, each preceded by its length. */
  private serialText = new Uint16Array(1 << 16);
  private serialTextEnd = 0;
  /** The serial being looked up, for `isSame` (an object, not a closure a row). */
  private wanted = '';

  /** Records a serial; a failure when an earlier line had it. */
  serial(serial: string, line: number): RowFailure | null {
    hashInto(serial, this.serials.hash);
    this.wanted = serial;
    const first = this.serials.find(this);
    if (first === null) {
      this.serials.add(line, this.storeSerial(serial));
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
    hashInto(secret, this.secrets.hash);
    const first = this.secrets.find();
    if (first === null) this.secrets.add(line, 0);
    return first;
  }

  /** Whether the serial stored at `at` is the one being looked up. */
  isSame(at: number): boolean {
    return this.serialAt(at) === this.wanted;
  }

  private storeSerial(serial: string): number {
    const needed = this.serialTextEnd + serial.length + 1;
    if (needed > this.serialText.length) {
      const grown = new Uint16Array(Math.max(needed, this.serialText.length * 2));
      grown.set(this.serialText.subarray(0, this.serialTextEnd));
      this.serialText = grown;
    }

    const at = this.serialTextEnd;
    this.serialText[at] = serial.length;
    for (let i = 0; i < serial.length; i++) this.serialText[at + 1 + i] = serial.charCodeAt(i);
    this.serialTextEnd = needed;
    return at;
  }

  private serialAt(at: number): string {
    const length = this.serialText[at] ?? 0;
    return String.fromCharCode(...this.serialText.subarray(at + 1, at + 1 + length));
  }
}

/** Two 32-bit FNV-1a variants over the text, together a 64-bit hash. */
function hashInto(text: string, out: Int32Array): void {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  out[0] = a;
  out[1] = b;
}
