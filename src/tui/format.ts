// Small text helpers for fixed-width columns and times, shared by the screens.
import { printable } from '../engine/printable.js';

/**
 * Cuts or pads `text` to exactly `width` columns; a cut ends with an ellipsis. Control characters
 * are escaped first, so that a value from outside cannot steer the terminal or break the row.
 */
export function fit(raw: string, width: number): string {
  if (width <= 0) return '';

  const text = printable(raw);
  if (text.length > width) return width === 1 ? '…' : text.slice(0, width - 1) + '…';

  return text.padEnd(width);
}

export function fitRight(text: string, width: number): string {
  return text.length >= width ? fit(text, width) : text.padStart(width);
}

/** A row of columns; the last width may be 0 to take what is left of `total`. */
export function columns(cells: string[], widths: number[], total: number): string {
  const fixed = widths.reduce((sum, width) => sum + width + 1, 0);
  const rest = Math.max(4, total - fixed);

  return cells.map((cell, index) => fit(cell, widths[index] || rest)).join(' ');
}

export function ago(at: number | null, now: number): string {
  if (at === null) return 'never';

  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;

  return `${Math.floor(seconds / 86_400)}d ago`;
}

export function daysLeft(until: number, now: number): string {
  const days = Math.ceil((until - now) / 86_400_000);

  return days <= 0 ? 'expired' : `${days}d`;
}

export function clock(at: number): string {
  return new Date(at).toISOString().slice(11, 19);
}

export function stamp(at: number): string {
  return new Date(at).toISOString().slice(0, 19).replace('T', ' ');
}

export function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}
