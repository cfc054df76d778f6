// One reusable work buffer for assembling hash input. Hashing is synchronous and Node runs one
// packet's code at a time, so no two users of it can overlap.

let scratch = Buffer.alloc(8192);

/** A buffer of at least `length` octets; its contents are the caller's to overwrite. */
export function scratchOf(length: number): Buffer {
  if (scratch.length < length) scratch = Buffer.alloc(length);
  return scratch;
}
