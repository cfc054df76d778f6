// Plain-text output for the command line: aligned columns, times, JSON. Text output shows control
// characters as escapes (see printable.ts); JSON output is exact, JSON escapes them itself.
import { printable } from '../engine/printable.js';

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function formatTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '-';
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** Prints rows as aligned columns under a header; long cells are not cut. */
export function printTable(header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((row) => row.map((cell) => printable(String(cell))))];
  const widths = header.map((_, column) =>
    Math.max(...cells.map((row) => (row[column] ?? '').length)),
  );
  for (const row of cells) {
    const line = row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
    process.stdout.write(line.trimEnd() + '\n');
  }
}

export function printLines(lines: string[]): void {
  process.stdout.write(lines.map(printable).join('\n') + '\n');
}

/** One line of text on stdout, or on stderr for a note beside the result. */
export function printLine(line: string, stream: NodeJS.WriteStream = process.stdout): void {
  stream.write(printable(line) + '\n');
}
