// An insert-only hash table from a 64-bit hash to a file line and one number of the caller's,
// in one flat Int32Array (open addressing, linear probing): a lookup touches one cache line and
// the table holds no object the garbage collector has to visit.
//
// Use: write the hash into `hash`, call `find`, and when it returns null, `add` right after.

/** Tells whether the entry holding the caller's number `extra` is the value being looked up. */
export interface SameCheck {
  isSame(extra: number): boolean;
}

const STRIDE = 4;
const INITIAL_SLOTS = 1 << 12;

export class LineTable {
  /** The hash of the next `find`, as two 32-bit halves. */
  readonly hash = new Int32Array(2);
  /** Per slot: hash low, hash high, line (0 when the slot is free), the caller's number. */
  private slots = new Int32Array(INITIAL_SLOTS * STRIDE);
  private mask = INITIAL_SLOTS - 1;
  private size = 0;
  /** The free slot `find` stopped at, for `add`. */
  private freeSlot = -1;

  /**
   * The line of an entry with this hash that `same` accepts (any, without `same`), or null.
   * Entries whose hash matches but which `same` refuses (a collision) are passed over.
   */
  find(same: SameCheck | null = null): number | null {
    const low = this.hash[0] as number;
    const high = this.hash[1] as number;
    const slots = this.slots;
    let slot = (low ^ Math.imul(high, 0x9e3779b1)) & this.mask;
    for (;;) {
      const at = slot * STRIDE;
      const line = slots[at + 2] as number;
      if (line === 0) {
        this.freeSlot = slot;
        return null;
      }
      const isHit = slots[at] === low && slots[at + 1] === high;
      if (isHit && (same === null || same.isSame(slots[at + 3] as number))) {
        return line;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** Adds the hash of the `find` that just returned null. `line` must be at least 1. */
  add(line: number, extra: number): void {
    if (this.freeSlot < 0) throw new Error('LineTable.add without a find that returned null');
    this.put(this.freeSlot, this.hash[0] as number, this.hash[1] as number, line, extra);
    this.freeSlot = -1;
    if (++this.size * 2 > this.mask) this.grow();
  }

  private put(slot: number, low: number, high: number, line: number, extra: number): void {
    const at = slot * STRIDE;
    this.slots[at] = low;
    this.slots[at + 1] = high;
    this.slots[at + 2] = line;
    this.slots[at + 3] = extra;
  }

  /** Doubles the table, keeping it at most half full so that probes stay short. */
  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = (this.mask << 1) | 1;
    for (let at = 0; at < old.length; at += STRIDE) {
      const line = old[at + 2] as number;
      if (line === 0) continue;
      const low = old[at] as number;
      const high = old[at + 1] as number;
      let slot = (low ^ Math.imul(high, 0x9e3779b1)) & this.mask;
      while (this.slots[slot * STRIDE + 2] !== 0) slot = (slot + 1) & this.mask;
      this.put(slot, low, high, line, old[at + 3] as number);
    }
  }
}
