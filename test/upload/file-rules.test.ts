import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { csvFile, openTenant, removeTempDirs, token, upload } from './tenant.js';

const HEADER = 'upn,serial number,secret key,time interval,manufacturer,model';
const ROW = 'helga@contoso.com,20000001,JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP,30,Token2,C202';

let engine: Engine;
beforeEach(async () => {
  engine = await openTenant();
});
afterEach(async () => {
  await engine.close();
  removeTempDirs();
});

async function failedWith(text: string | Buffer) {
  const summary = await upload(engine, csvFile(text as string));
  expect(summary.status).toBe('failed');
  return summary.error ?? '';
}

describe('rules for a whole file', () => {
  it('matches header names ignoring case, spaces, underscores and column order', async () => {
    const text =
      'Model,TIME_INTERVAL, Secret Key ,serial-number,UPN,manufacturer\n' +
      'C202,30,JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP,20000001,helga@contoso.com,Token2\n';
    const summary = await upload(engine, csvFile(text));
    expect(summary).toMatchObject({ status: 'completed', imported: 1 });
    expect(token(engine, '20000001')).toMatchObject({ model: 'C202', manufacturer: 'Token2' });
  });

  it('fails the upload naming a missing required column', async () => {
    const error = await failedWith('upn,serial number,secret key,manufacturer,model\n' + ROW);
    expect(error).toContain("FILE_MISSING_COLUMN: the header has no 'time interval' column");
  });

  it('keeps a quoted comma in a manufacturer and a last line without a newline', async () => {
    const text =
      `${HEADER}\r\n${ROW}\r\n` +
      'ingrid@contoso.com,20000002,KRSXG5CTMVRXEZLU,30,"Token2, Inc.",C202';
    const summary = await upload(engine, csvFile(text));
    expect(summary).toMatchObject({ status: 'completed', imported: 2 });
    expect(token(engine, '20000002')?.manufacturer).toBe('Token2, Inc.');
  });

  it('detects tab as the delimiter from the header line', async () => {
    const text = [HEADER, ROW].map((line) => line.replaceAll(',', '\t')).join('\n');
    const summary = await upload(engine, csvFile(text));
    expect(summary).toMatchObject({ status: 'completed', imported: 1 });
  });

  it('fails an empty file as empty', async () => {
    expect(await failedWith('')).toContain('FILE_EMPTY');
    expect(await failedWith('\r\n  \r\n')).toContain('FILE_EMPTY');
  });

  it('fails a file of only blank and comma lines as empty, not as a missing header', async () => {
    const error = await failedWith('\n,,,,,\n ; ; \n,,,,,\n\n');
    expect(error).toBe(
      'FILE_EMPTY: the file is empty: it has only blank or comma-only lines; export the token' +
        ' list again; it has no header and no rows',
    );
  });

  it('fails a file that starts with a data row as having no header, at line 1', async () => {
    const error = await failedWith(`${ROW}\n${ROW}\n`);
    expect(error).toContain('FILE_NO_HEADER: line 1 is not a header row');
    expect(error).not.toContain('JBSWY3DP');
  });

  it("fails a tool's preamble before the header, naming the lines to delete", async () => {
    const error = await failedWith(`Exported by TokenTool 4.2 on 2025-01-01\n${HEADER}\n${ROW}\n`);
    expect(error).toContain('FILE_PREAMBLE: line 2 looks like the header');
    expect(error).toContain('but line 1 comes before it');
    expect(error).toContain('delete lines 1-1');
  });

  it('fails a file of one field per line structurally, not as many unknown users', async () => {
    const rows = Array.from({ length: 1000 }, (_, n) => `user${n}@contoso.com`);
    const error = await failedWith(`${HEADER}\n${rows.join('\n')}\n`);
    expect(error).toContain('FILE_ROWS_MISMATCH: the first 3 rows do not have the 6 fields');
    expect(engine.uploads.list()[0]?.failed).toBe(0);
  });

  it('fails binary junk and UTF-16 text as not being UTF-8 text', async () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x00]);
    const junk = Buffer.concat([Buffer.from(`${HEADER}\n`), zip]);
    expect(await failedWith(junk)).toContain('FILE_NOT_TEXT: line 2 contains binary data');

    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEADER, 'utf16le')]);
    expect(await failedWith(utf16)).toContain('UTF-16');
  });

  it('fails on an unclosed quote at its line after importing the rows before it', async () => {
    const error = await failedWith(`${HEADER}\n${ROW}\nlena@contoso.com,"20000009,X,30,a,b\n`);
    expect(error).toMatch(/^FILE_MALFORMED: line 3 cannot be read as CSV/);
    expect(token(engine, '20000001')?.upn).toBe('helga@contoso.com');
  });

  it('names the line an unclosed quote opened on, not the last line of the file', async () => {
    const open = 'lena@contoso.com,"20000009,X,30,a,b';
    const after = ROW.replace('20000001', '20000002');
    const error = await failedWith(`${HEADER}\r\n${ROW}\r\n${open}\r\n${after}\r\n${after}\r\n`);
    expect(error).toBe(
      'FILE_MALFORMED: line 3 cannot be read as CSV: Quote Not Closed: the parsing is finished ' +
        'with an opening quote at line 3; a field that starts with " must end with " ' +
        '(write "" for a quote inside it)',
    );
    expect(token(engine, '20000001')?.upn).toBe('helga@contoso.com');
    expect(token(engine, '20000002')).toBeUndefined();
  });

  it('refuses a counter column, which means HOTP tokens', async () => {
    expect(await failedWith(`${HEADER},counter\n${ROW},0\n`)).toContain('HOTP');
  });
});
