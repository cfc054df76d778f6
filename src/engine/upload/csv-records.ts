// Streams the data rows of a sniffed CSV file: RFC 4180 quoting, CRLF or LF, BOM stripped, blank
// and comma-only lines skipped. Rows keep all their fields (no header mapping), so a row with
// more or fewer fields than the header can be reported instead of silently cut.
import fs from 'node:fs';
import { pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { CsvShape } from './csv-sniff.js';
import { FileProblem } from './file-problem.js';
import { MAX_LINE_BYTES, textGuard } from './text-guard.js';

export interface CsvRecord {
  fields: string[];
  /** 1-based line the row starts on. */
  line: number;
  /** Bytes of the file read so far, for progress. */
  bytes: number;
}

interface ParsedRecord {
  record: string[];
  info: { lines: number; bytes: number };
}

export async function* readCsvRecords(
  file: string,
  shape: CsvShape,
): AsyncGenerator<CsvRecord, void, undefined> {
  const parser = parse({
    bom: true,
    delimiter: shape.delimiter,
    from_line: shape.headerLine + 1,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    // A quoted field left open would otherwise gather the rest of the file into memory.
    max_record_size: MAX_LINE_BYTES,
  });
  // pipeline, not pipe: a problem the guard finds must end the loop below, not stall it.
  const guard = textGuard();
  pipeline(
    fs.createReadStream(file, { highWaterMark: 256 * 1024 }),
    guard.stream,
    parser,
    () => undefined,
  );

  try {
    for await (const parsed of parser as AsyncIterable<ParsedRecord>) {
      const fields = parsed.record;
      if (isFiller(fields)) continue;
      yield { fields, line: startLine(fields, parsed.info.lines), bytes: parsed.info.bytes };
    }
    const problem = guard.problem();
    if (problem) throw problem;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = Number((error as CsvError & { lines?: number }).lines ?? 0);
    if (error.code === 'CSV_MAX_RECORD_SIZE') {
      throw new FileProblem(
        'FILE_ROW_TOO_LONG',
        `the row ending at line ${line} is longer than ${MAX_LINE_BYTES} characters`,
        line,
        'a quoted field may be missing its closing quote',
      );
    }
    throw new FileProblem(
      'FILE_MALFORMED',
      `line ${line} cannot be read as CSV: ${error.message}`,
      line,
      'a field that starts with " must end with " (write "" for a quote inside it)',
    );
  }
}

/** Lines of only commas or only spaces carry no token: they are not rows. */
function isFiller(fields: string[]): boolean {
  for (const field of fields) if (field.trim() !== '') return false;
  return true;
}

/** csv-parse counts lines up to the end of a row; a quoted field may span several. */
function startLine(fields: string[], endLine: number): number {
  let extra = 0;
  for (const field of fields) {
    if (field.includes('\n')) extra += field.split('\n').length - 1;
  }
  return endLine - extra;
}
