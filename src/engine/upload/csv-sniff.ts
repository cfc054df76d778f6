// Looks at the start of a CSV file before it is parsed: is it text at all, where is the header
// and which delimiter does it use. csv-parse's own `delimiter_auto` crashes on a byte order mark
// and on quoted fields, so the delimiter is decided here from the header line.
import fs from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { FileProblem } from './file-problem.js';

/** How much of the file is read to find the header; headers are far shorter. */
const SAMPLE_BYTES = 64 * 1024;
/** Lines searched for a header that follows a preamble. */
const PREAMBLE_LINES = 10;
const DELIMITERS = [',', ';', '\t'] as const;

export type Delimiter = (typeof DELIMITERS)[number];

export interface CsvShape {
  delimiter: Delimiter;
  /** 1-based line of the header row. */
  headerLine: number;
  /** Header names as written (quotes removed), in file order. */
  names: string[];
  bytesTotal: number;
}

/** A column name as matched: case, spaces, `_` and `-` ignored, so `Serial_Number` works. */
export function columnKey(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * Finds the header among the first lines. `isHeader` tells how many of a line's names the
 * caller knows; a line with at least two known names is taken for the header.
 */
export async function sniffCsv(
  file: string,
  countKnown: (keys: string[]) => number,
  expected: string,
): Promise<CsvShape> {
  const { sample, bytesTotal } = await readSample(file);
  const text = checkText(sample);
  const lines = text.split(/\r?\n|\r/);

  const first = lines.findIndex((line) => !isFiller(line));
  if (first === -1) throw emptyFile(text, bytesTotal);

  const limit = Math.min(lines.length, first + PREAMBLE_LINES);
  for (let index = first; index < limit; index++) {
    const line = lines[index] as string;
    if (isFiller(line)) continue;

    const delimiter = pickDelimiter(line);
    const names = splitHeader(line, delimiter);
    if (countKnown(names.map(columnKey)) < 2) continue;

    if (index !== first) {
      throw new FileProblem(
        'FILE_PREAMBLE',
        `line ${index + 1} looks like the header, but line ${first + 1} comes before it`,
        first + 1,
        `delete lines ${first + 1}-${index} so that the header is the first line`,
      );
    }
    return { delimiter, headerLine: index + 1, names, bytesTotal };
  }

  const fieldCount = splitHeader(lines[first] as string, pickDelimiter(lines[first] as string));
  throw new FileProblem(
    'FILE_NO_HEADER',
    `line ${first + 1} is not a header row: none of its ${fieldCount.length} field(s) is a` +
      ` column name this file needs (${expected})`,
    first + 1,
    'the first line must name the columns, e.g. ' + expected,
  );
}

/**
 * Blank lines and lines of only delimiters are skipped as rows (csv-split.ts), so they cannot be
 * a header either. The delimiter is not known yet: any of them counts.
 */
function isFiller(line: string): boolean {
  return /^[\s,;\t]*$/.test(line);
}

function emptyFile(text: string, bytesTotal: number): FileProblem {
  if (bytesTotal > SAMPLE_BYTES) {
    return new FileProblem(
      'FILE_NO_HEADER',
      `the first ${SAMPLE_BYTES / 1024} KiB of the file hold only blank or comma-only lines`,
      1,
      'delete the empty lines so that the header is the first line',
    );
  }
  if (text.trim() === '') return new FileProblem('FILE_EMPTY', 'the file is empty', 1);
  return new FileProblem(
    'FILE_EMPTY',
    'the file is empty: it has only blank or comma-only lines',
    1,
    'export the token list again; it has no header and no rows',
  );
}

async function readSample(file: string): Promise<{ sample: Buffer; bytesTotal: number }> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { sample: buffer.subarray(0, bytesRead), bytesTotal: size };
  } finally {
    await handle.close();
  }
}

/** Refuses what is not UTF-8 text, naming the line; returns the sample without its BOM. */
function checkText(sample: Buffer): string {
  const isUtf16 =
    sample.length >= 2 &&
    ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff));
  if (isUtf16) {
    throw new FileProblem(
      'FILE_NOT_TEXT',
      'the file is UTF-16 text, not UTF-8',
      1,
      'save it again as "CSV UTF-8 (comma delimited)"',
    );
  }

  const nul = sample.indexOf(0);
  if (nul !== -1) {
    throw new FileProblem(
      'FILE_NOT_TEXT',
      `line ${lineAt(sample, nul)} contains binary data (a zero byte at offset ${nul})`,
      lineAt(sample, nul),
      'upload the CSV text file the vendor sent, not a spreadsheet or archive',
    );
  }

  // A multi-byte character may be cut at the end of the sample: check up to the last newline.
  const lastNewline = sample.lastIndexOf(10);
  const whole = sample.length < SAMPLE_BYTES || lastNewline === -1;
  const checked = whole ? sample : sample.subarray(0, lastNewline);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(checked);
  } catch {
    const line = firstBadUtf8Line(checked);
    throw new FileProblem(
      'FILE_NOT_TEXT',
      `line ${line} is not UTF-8 text`,
      line,
      'save the file as "CSV UTF-8"; a spreadsheet may have written another encoding',
    );
  }

  return checked.toString('utf8').replace(/^\uFEFF/, '');
}

function lineAt(sample: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (sample[i] === 10) line++;
  return line;
}

function firstBadUtf8Line(sample: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  let line = 1;
  for (;;) {
    const end = sample.indexOf(10, start);
    const part = sample.subarray(start, end === -1 ? sample.length : end);
    try {
      decoder.decode(part);
    } catch {
      return line;
    }
    if (end === -1) return line;
    start = end + 1;
    line++;
  }
}

/** The delimiter that splits the header line most often, outside quotes; `,` on a tie. */
export function pickDelimiter(line: string): Delimiter {
  const counts = new Map<string, number>();
  let isQuoted = false;
  for (const char of line) {
    if (char === '"') isQuoted = !isQuoted;
    else if (!isQuoted) counts.set(char, (counts.get(char) ?? 0) + 1);
  }

  let best: Delimiter = ',';
  for (const delimiter of DELIMITERS) {
    if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
  }
  return best;
}

function splitHeader(line: string, delimiter: Delimiter): string[] {
  try {
    const rows = parse(line, { delimiter, relax_quotes: true, relax_column_count: true });
    return (rows[0] as string[] | undefined) ?? [];
  } catch {
    return line.split(delimiter);
  }
}
