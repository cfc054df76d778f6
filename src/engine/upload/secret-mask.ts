// Hides seeds that a failure row would echo. A shifted column puts the secret key under `serial
// number` or `upn`, and the failures report, the upload status and the database must never hold a
// seed. A value is hidden when it looks like one: 16 or more Base32 or hex characters once spaces,
// dashes and `=` padding are set aside. Only digits (a long numeric serial) are never hidden.

const MIN_CHARS = 16;
const SHOWN_CHARS = 4;
const NOTE = '(looks like a secret, hidden)';
/** Reasons quote at most this much of a long serial (row-check.ts). */
const QUOTED_CHARS = 40;
/** Runs of characters a seed is written with, to find one a reason quotes from another cell. */
const RUN = /[A-Za-z0-9=-]{16,}/g;

export function looksLikeSecret(value: string): boolean {
  const compact = value.replace(/[\s-]/g, '').replace(/=+$/, '');
  if (compact.length < MIN_CHARS || /^\d+$/.test(compact)) return false;
  return /^[A-Za-z2-7]+$/.test(compact) || /^[0-9A-Fa-f]+$/.test(compact);
}

function hide(value: string): string {
  return `${value.slice(0, SHOWN_CHARS)}... ${NOTE}`;
}

/** A cell as a failure row shows it: itself, or its first characters and a note. */
export function maskValue(value: string): string {
  const trimmed = value.trim();
  return looksLikeSecret(trimmed) ? hide(trimmed) : value;
}

/** A reason or hint with the row's seed-like cells, and any other seed-like run, hidden. */
export function maskText(text: string, cells: readonly string[]): string {
  let out = text;
  for (const cell of cells) {
    const value = cell.trim();
    if (!looksLikeSecret(value)) continue;
    out = out.replaceAll(value, hide(value)).replaceAll(value.slice(0, QUOTED_CHARS), hide(value));
  }
  return out.replace(RUN, (run) => (looksLikeSecret(run) ? hide(run) : run));
}
