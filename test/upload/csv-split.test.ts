import { CsvError, parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { CsvRecord } from '../../src/engine/upload/csv-records.js';
import { CsvSplitter } from '../../src/engine/upload/csv-split.js';
import { prng, randomInt, type Random } from '../support/prng.js';

const HEADER = 'upn,serial number,secret key,time interval,manufacturer,model';

function split(pieces: string[]): { records: [number, string[]][]; error: string | null } {
  const splitter = new CsvSplitter(',', 2);
  const out: CsvRecord[] = [];
  let error: string | null = null;
  try {
    for (const piece of pieces) splitter.push(piece, 0, out);
    splitter.end(0, out);
  } catch (caught) {
    error = (caught as Error).message;
  }
  return { records: out.map((record) => [record.line, record.fields]), error };
}

/** Cuts after line breaks at random, as the text guard passes whole lines in chunks. */
function cut(text: string, random: Random): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const isBreak = text[i] === '\n' || text[i] === '\r';
    if (isBreak && randomInt(random, 3) === 0) {
      pieces.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  pieces.push(text.slice(start));
  return pieces;
}

function tokenFile(random: Random, eol: string): string {
  const rows = Array.from({ length: 30 }, (_, i) => {
    const maker = randomInt(random, 4) === 0 ? '"Feitian, ""Inc.""\r\nsecond line"' : 'Token2';
    return `u${i}@contoso.com,S${i},JBSWY3DPEHPK3PXP,30,${maker},C202`;
  });
  let text = [HEADER, ...rows].join(eol) + eol;
  // Stray characters a damaged file may hold: quotes, other line breaks, delimiters.
  const strays = ['"', '\n', '\r', ',', '""'];
  for (let k = randomInt(random, 3); k > 0; k--) {
    const at = randomInt(random, text.length);
    text = text.slice(0, at) + strays[randomInt(random, strays.length)] + text.slice(at);
  }
  return text;
}

describe('splitting CSV text into records', () => {
  it('gives the records, start lines and errors of csv-parse for any cut of the text', () => {
    for (let seed = 0; seed < 600; seed++) {
      const random = prng(seed);
      const text = tokenFile(random, ['\n', '\r\n', '\r'][seed % 3] as string);
      const whole = split([text]);
      expect(split(cut(text, random)), `seed ${seed}`).toEqual(whole);

      let expected: [number, string[]][] | null = null;
      try {
        const parsed = parse(text, {
          from_line: 2,
          relax_column_count: true,
          skip_empty_lines: true,
          info: true,
        }) as unknown as { record: string[]; info: { lines: number } }[];
        expected = parsed
          .filter(({ record }) => record.some((field) => field.trim() !== ''))
          .map(({ record, info }) => [
            info.lines - (record.join('|').split('\n').length - 1),
            record,
          ]);
      } catch {
        expect(whole.error, `seed ${seed}`).not.toBeNull();
      }
      if (expected !== null)
        expect(whole, `seed ${seed}`).toEqual({ records: expected, error: null });
    }
  });

  it('splits a plain row by hand and keeps a quoted field that spans lines whole', () => {
    const text = `${HEADER}\r\n,A1,K,30,M,X\r\n,"A2",K,30,"two\nlines",X\r\n\r\n,A3,K,30,M,X`;
    expect(split(cut(text, prng(1))).records).toEqual([
      [2, ['', 'A1', 'K', '30', 'M', 'X']],
      [3, ['', 'A2', 'K', '30', 'two\nlines', 'X']],
      [6, ['', 'A3', 'K', '30', 'M', 'X']],
    ]);
  });
});

/** The records before an unclosed quote, and the line its error names (field and message). */
function unclosed(pieces: string[]): { records: [number, string[]][]; line: number } {
  const splitter = new CsvSplitter(',', 2);
  const out: CsvRecord[] = [];
  let caught: unknown = null;
  try {
    for (const piece of pieces) splitter.push(piece, 0, out);
    splitter.end(0, out);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(CsvError);
  const error = caught as CsvError & { lines: number };
  expect(error.code).toBe('CSV_QUOTE_NOT_CLOSED');
  expect(error.message).toBe(
    `Quote Not Closed: the parsing is finished with an opening quote at line ${error.lines}`,
  );
  return { records: out.map((record) => [record.line, record.fields]), line: error.lines };
}

const A1: [number, string[]] = [2, ['', 'A1', 'K', '30', 'M', 'X']];

describe('an unclosed quote', () => {
  it('is reported on the middle line where it opened in an LF file, after the rows before', () => {
    const text = `${HEADER}\n,A1,K,30,M,X\n,"A2,K,30,M,X\n,A3,K,30,M,X\n,A4,K,30,M,X\n`;
    expect(unclosed([text])).toEqual({ records: [A1], line: 3 });
  });

  it('is reported on the middle line where it opened in a CRLF file, after the rows before', () => {
    const text = `${HEADER}\r\n,A1,K,30,M,X\r\n,"A2,K,30,M,X\r\n,A3,K,30,M,X\r\n`;
    expect(unclosed([text])).toEqual({ records: [A1], line: 3 });
  });

  it('is reported on the last line when it opened there, with or without a final break', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = `${HEADER}${eol},A1,K,30,M,X${eol},"A2,K,30,M,X`;
      expect(unclosed([text]), JSON.stringify(eol)).toEqual({ records: [A1], line: 3 });
      expect(unclosed([text + eol]), JSON.stringify(eol)).toEqual({ records: [A1], line: 3 });
    }
  });

  it('is reported where it opened, not where an escaped quote after it stands', () => {
    const text = `${HEADER}\n,A1,K,30,M,X\n,A2,K,30,"Feitian\nsaid ""hi""\n,A3\n`;
    expect(unclosed([text])).toEqual({ records: [A1], line: 3 });
  });

  it('is reported on its own line when a closed field of its row spans lines before it', () => {
    // A line break inside a cell, as Excel writes it: a lone LF in a CRLF file.
    const text = `${HEADER}\r\n,A1,K,30,M,X\r\n,A2,K,30,"two\nlines","C202\r\n,A3\r\n`;
    expect(unclosed([text])).toEqual({ records: [A1], line: 4 });
  });

  it('is reported on the same line however the text arrives in pieces', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `,B${i},K,30,M,X`);
    for (const eol of ['\n', '\r\n']) {
      const text = [HEADER, ...rows.slice(0, 30), ',"B30,K,30,M,X', ...rows.slice(31)].join(eol);
      const expected = rows.slice(0, 30).map((row, i) => [i + 2, row.split(',')]);
      for (let seed = 0; seed < 20; seed++) {
        const context = `${JSON.stringify(eol)} seed ${seed}`;
        expect(unclosed(cut(text + eol, prng(seed))), context).toEqual({
          records: expected,
          line: 32,
        });
      }
    }
  });
});
