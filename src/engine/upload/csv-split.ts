// Splits decoded CSV text into records. Text without quotes (almost every token file) is split
// by hand, line by line, which is several times cheaper than csv-parse; text with a quote, or with
// a line break other than the file's, goes to csv-parse's synchronous parser in pieces that end on
// a record boundary, so RFC 4180 quoting, and csv-parse's errors, stay exactly as they were.
import { CsvError, parse } from 'csv-parse/sync';
import type { CsvRecord } from './csv-records.js';
import { MAX_LINE_BYTES } from './text-guard.js';
import { findUnclosedQuote } from './unclosed-quote.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvSplitter {
  /** Text after the last complete record: part of a line, or a quoted field still open. */
  private carry = '';
  /** Line (1-based) on which `carry` starts. */
  private line = 1;
  /** The file's line break, taken from its first one as csv-parse does. */
  private eol: '\n' | '\r\n' | '\r' | null = null;
  private isFirst = true;

  constructor(
    private readonly delimiter: string,
    private readonly fromLine: number,
  ) {}

  /** Records completed by `text`; `bytes` is the file offset it reaches, for progress. */
  push(text: string, bytes: number, out: CsvRecord[]): void {
    if (this.isFirst && text.length > 0) {
      this.isFirst = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let data = this.carry === '' ? text : this.carry + text;
    this.eol ??= lineBreakOf(data);
    if (this.eol === null) {
      this.carry = data;
      if (data.length > MAX_LINE_BYTES) this.parsed(data, bytes, out);
      return;
    }

    const last = lastLineBreak(data, this.eol);
    if (last < 0) {
      this.carry = data;
      if (data.length > MAX_LINE_BYTES) this.parsed(data, bytes, out);
      return;
    }
    const end = last + 1;
    const body = data.slice(0, end);
    this.carry = data.slice(end);
    data = '';

    if (body.indexOf('"') < 0 && this.split(body, bytes, out)) return;
    this.quoted(body, bytes, out);
  }

  /** The rest of the file: a last line without a line break, or an unclosed quote's error. */
  end(bytes: number, out: CsvRecord[]): void {
    const rest = this.carry;
    this.carry = '';
    if (rest === '') return;
    if (rest.indexOf('"') < 0 && rest.indexOf('\r') < 0 && rest.indexOf('\n') < 0) {
      this.emit(rest.split(this.delimiter), this.line, bytes, out);
      this.line++;
      return;
    }
    this.parsed(rest, bytes, out);
  }

  /** The fast path: false, having done nothing, when a line holds a stray line break. */
  private split(body: string, bytes: number, out: CsvRecord[]): boolean {
    const eol = this.eol as string;
    if (eol === '\r') return false;
    if (eol === '\n' && body.indexOf('\r') >= 0) return false;
    if (eol === '\r\n' && body.charCodeAt(body.length - 2) !== CR) return false;
    const lines = body.split(eol);
    // The body ends with a line break, so the last piece is empty.
    lines.pop();
    if (eol === '\r\n') {
      for (const text of lines)
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) return false;
    }

    let line = this.line;
    for (const text of lines) {
      if (text !== '') this.emit(text.split(this.delimiter), line, bytes, out);
      line++;
    }
    this.line = line;
    return true;
  }

  /** Text with quotes: parsed up to its last record boundary, the rest carried. */
  private quoted(body: string, bytes: number, out: CsvRecord[]): void {
    let isOpen = false;
    let boundary = 0;
    const eolLast = this.eol === '\r' ? CR : LF;
    for (let i = 0; i < body.length; i++) {
      const code = body.charCodeAt(i);
      if (code === QUOTE) isOpen = !isOpen;
      else if (code === eolLast && !isOpen) {
        // In a CRLF file a lone LF is data, not the end of a record.
        if (this.eol !== '\r\n' || body.charCodeAt(i - 1) === CR) boundary = i + 1;
      }
    }
    const complete = body.slice(0, boundary);
    this.carry = body.slice(boundary) + this.carry;
    if (complete !== '') this.parsed(complete, bytes, out);
    if (this.carry.length > MAX_LINE_BYTES) {
      // A quoted field this long is not a token row: csv-parse reports it (record too long).
      const rest = this.carry;
      this.carry = '';
      this.parsed(rest, bytes, out);
    }
  }

  /** Parses whole records with csv-parse; its line numbers are made the file's. */
  private parsed(text: string, bytes: number, out: CsvRecord[]): void {
    const before = this.line - 1;
    let records: ParsedRecord[];
    try {
      records = parseRecords(text, this.delimiter, this.eol);
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      // The rows before the damage are still imported, as when csv-parse streamed the file.
      const open = error.code === 'CSV_QUOTE_NOT_CLOSED' ? findUnclosedQuote(text, this.eol) : null;
      const at = Number((error as CsvError & { lines?: number }).lines ?? 0);
      const beforeDamage =
        open === null
          ? parseRecords(text, this.delimiter, this.eol, at - 1)
          : parseRecords(text.slice(0, open.recordStart), this.delimiter, this.eol);
      for (const { record, info } of beforeDamage) {
        this.emit(record, startLine(record, before + info.lines), bytes, out);
      }
      if (open !== null) atLine(error, open.line);
      throw shifted(error, before);
    }
    for (const { record, info } of records) {
      this.emit(record, startLine(record, before + info.lines), bytes, out);
    }
    this.line += countLines(text, this.eol);
  }

  private emit(fields: string[], line: number, bytes: number, out: CsvRecord[]): void {
    if (line < this.fromLine || isFiller(fields)) return;
    out.push({ fields, line, bytes });
  }
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** csv-parse over whole records; with `toLine`, only the records that end by that line. */
function parseRecords(
  text: string,
  delimiter: string,
  eol: string | null,
  toLine = -1,
): ParsedRecord[] {
  if (toLine === 0) return [];
  try {
    return parse(text, {
      delimiter,
      record_delimiter: eol ?? undefined,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      max_record_size: MAX_LINE_BYTES,
      to_line: toLine,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (toLine > 0) return [];
    throw error;
  }
}

/** The error naming `line` instead of the line where csv-parse stopped. */
function atLine(error: CsvError, line: number): void {
  (error as CsvError & { lines?: number }).lines = line;
  error.message = error.message.replace(/at line \d+/g, `at line ${line}`);
}

/** The error with its line numbers counted from the start of the file. */
function shifted(error: CsvError, before: number): CsvError {
  const withLines = error as CsvError & { lines?: number };
  withLines.lines = before + Number(withLines.lines ?? 0);
  withLines.message = withLines.message.replace(
    /at line (\d+)/g,
    (_match, at: string) => `at line ${before + Number(at)}`,
  );
  return withLines;
}

/** Index of the last character of the last line break in `text`, or -1. */
function lastLineBreak(text: string, eol: '\n' | '\r\n' | '\r'): number {
  const at = text.lastIndexOf(eol);
  return at < 0 ? -1 : at + eol.length - 1;
}

function lineBreakOf(text: string): '\n' | '\r\n' | '\r' | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === LF) return '\n';
    if (code === CR) {
      if (i + 1 === text.length) return null;
      return text.charCodeAt(i + 1) === LF ? '\r\n' : '\r';
    }
  }
  return null;
}

/**
 * Lines as csv-parse counts them: every CR and every LF is one, except that the file's CRLF
 * line break outside quotes is one together.
 */
function countLines(text: string, eol: string | null): number {
  let count = 0;
  let isOpen = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) isOpen = !isOpen;
    else if (code === LF) count++;
    else if (code === CR) {
      count++;
      if (eol === '\r\n' && !isOpen && text.charCodeAt(i + 1) === LF) i++;
    }
  }
  return count;
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
