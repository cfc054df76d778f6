// The failures report of an upload, `Failures_<uploaded file name>.csv`: one row per failed line,
// with its own column names (it is a report, not an input). It never contains a secret.
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Store } from '../store/store.js';
import { failuresPage, type UploadRow } from './upload-rows.js';

export const FAILURE_COLUMNS = [
  'line number',
  'upn',
  'serial number',
  'error code',
  'reason',
  'hint',
];
const PAGE_ROWS = 5000;

export function failuresFileName(uploadedName: string): string {
  const base = uploadedName.replace(/\.csv$/i, '');
  return `Failures_${base}.csv`;
}

export async function writeFailuresCsv(
  store: Store,
  upload: UploadRow,
  dir: string,
): Promise<string> {
  const file = path.join(dir, failuresFileName(upload.file_name));

  async function* rows() {
    let after = 0;
    for (;;) {
      const page = failuresPage(store, upload.id, after, PAGE_ROWS);
      for (const failure of page) {
        yield [
          failure.line,
          failure.upn,
          failure.serial,
          failure.code,
          failure.reason,
          failure.hint,
        ];
      }
      if (page.length < PAGE_ROWS) return;
      after = page[page.length - 1]?.line ?? after;
    }
  }

  // escape_formulas: a UPN like `=HYPERLINK(...)` must not run when the report opens in Excel.
  const stringifier = stringify({ header: true, columns: FAILURE_COLUMNS, escape_formulas: true });
  await pipeline(rows, stringifier, fs.createWriteStream(file));
  return file;
}
