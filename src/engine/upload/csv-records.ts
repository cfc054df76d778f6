// Streams the data rows of a sniffed CSV file: RFC 4180 quoting, CRLF or LF, BOM stripped, blank
// and comma-only lines skipped. Rows keep all their fields (no header mapping), so a row with
// more or fewer fields than the header can be reported instead of silently cut.
import fs from 'node:fs';
import { pipeline } from 'node:stream';
import { CsvError } from 'csv-parse';
import type { CsvShape } from './csv-sniff.js';
import { CsvSplitter } from './csv-split.js';
import { FileProblem } from './file-problem.js';
import { MAX_LINE_BYTES, textGuard } from './text-guard.js';

export interface CsvRecord {
  fields: string[];
  /** 1-based line the row starts on. */
  line: number;
  /** Bytes of the file read so far, for progress. */
  bytes: number;
}

export async function* readCsvRecords(
  file: string,
  shape: CsvShape,
): AsyncGenerator<CsvRecord, void, undefined> {
  // pipeline, not pipe: a problem the guard finds must end the loop below, not stall it.
  const guard = textGuard();
  pipeline(fs.createReadStream(file, { highWaterMark: 256 * 1024 }), guard.stream, () => undefined);
  const splitter = new CsvSplitter(shape.delimiter, shape.headerLine + 1);

  try {
    let bytes = 0;
    const records: CsvRecord[] = [];
    // The guard passes whole lines only, so no chunk ends inside a UTF-8 sequence.
    for await (const chunk of guard.stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      yield* split(records, () => splitter.push(chunk.toString('utf8'), bytes, records));
    }
    yield* split(records, () => splitter.end(bytes, records));
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

/** The records a step completes; those before a damaged record come out before its error. */
function* split(records: CsvRecord[], step: () => void): Generator<CsvRecord> {
  let failure: unknown = null;
  try {
    step();
  } catch (error) {
    failure = error;
  }
  yield* records;
  records.length = 0;
  if (failure !== null) throw failure;
}
