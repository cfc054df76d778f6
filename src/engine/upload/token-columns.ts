// The columns of a hardware token file, found by name in any order. Names are matched ignoring
// case, spaces, `_` and `-`. Unknown columns are ignored with a warning, except names that would
// change how a token computes codes: those are taken as the column they mean, never dropped,
// because a token stored as SHA-1 when its file says SHA-256 never activates.
import { columnKey } from './csv-sniff.js';
import { FileProblem } from './file-problem.js';

export type TokenField =
  'upn' | 'serial' | 'secret' | 'interval' | 'manufacturer' | 'model' | 'hash' | 'digits';

const NAMES: Record<string, TokenField> = {
  upn: 'upn',
  serialnumber: 'serial',
  secretkey: 'secret',
  timeinterval: 'interval',
  manufacturer: 'manufacturer',
  model: 'model',
  hashfunction: 'hash',
  digits: 'digits',
  // Meaning-changing synonyms seen in vendor files.
  hashalgorithm: 'hash',
  algorithm: 'hash',
  period: 'interval',
};

const REQUIRED: [TokenField, string][] = [
  ['upn', 'upn'],
  ['serial', 'serial number'],
  ['secret', 'secret key'],
  ['interval', 'time interval'],
  ['manufacturer', 'manufacturer'],
  ['model', 'model'],
];

/** Columns that mean a kind of token this product cannot verify. */
const UNSUPPORTED: Record<string, string> = {
  counter: 'a counter column means HOTP (counter-based) tokens; only TOTP tokens are supported',
};

export const TOKEN_HEADER_EXAMPLE = REQUIRED.map(([, name]) => name).join(',');

export function countKnownTokenColumns(keys: string[]): number {
  return keys.filter((key) => key in NAMES).length;
}

export interface TokenColumns {
  index: Record<TokenField, number>;
  fieldCount: number;
  warnings: string[];
}

export function mapTokenColumns(names: string[], headerLine: number): TokenColumns {
  const index: Partial<Record<TokenField, number>> = {};
  const ignored: string[] = [];

  names.forEach((name, position) => {
    const key = columnKey(name);
    const field = NAMES[key];
    const unsupported = UNSUPPORTED[key];
    if (unsupported) throw new FileProblem('FILE_UNSUPPORTED_COLUMN', unsupported, headerLine);

    if (field === undefined) {
      ignored.push(name.trim() === '' ? `(unnamed column ${position + 1})` : `'${name.trim()}'`);
      return;
    }
    if (index[field] !== undefined) {
      throw new FileProblem(
        'FILE_DUPLICATE_COLUMN',
        `column '${name.trim()}' appears twice in the header (columns ${index[field] + 1}` +
          ` and ${position + 1})`,
        headerLine,
        'keep one of them',
      );
    }
    index[field] = position;
  });

  const missing = REQUIRED.filter(([field]) => index[field] === undefined).map(([, n]) => n);
  if (missing.length > 0) {
    throw new FileProblem(
      'FILE_MISSING_COLUMN',
      `the header has no ${missing.map((n) => `'${n}'`).join(', ')} column`,
      headerLine,
      `the header must name these columns: ${TOKEN_HEADER_EXAMPLE}`,
    );
  }

  const warnings =
    ignored.length > 0
      ? [`ignored unknown column(s) ${ignored.join(', ')} of the header on line ${headerLine}`]
      : [];

  return {
    index: { hash: -1, digits: -1, ...index } as Record<TokenField, number>,
    fieldCount: names.length,
    warnings,
  };
}
