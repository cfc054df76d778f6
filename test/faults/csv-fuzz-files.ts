// The mangled CSV files of the fuzz test, written to disk. Secrets are random per file; serials
// carry a prefix so that no mangled row can be one of the sound file's tokens by accident.
import fs from 'node:fs';
import { encodeBase32 } from '../../src/engine/otp/base32.js';
import type { Random } from '../support/prng.js';
import { randomInt } from '../support/prng.js';

export const HEADER = 'upn,serial number,secret key,time interval,manufacturer,model';
export const USERS = ['ada', 'bo', 'cy', 'di', 'ed'].map((name) => `${name}@contoso.com`);

export function secretOf(random: Random): string {
  return encodeBase32(Buffer.from(Array.from({ length: 20 }, () => randomInt(random, 256))));
}

export function row(random: Random, serial: string, upn = ''): string {
  return `${upn},${serial},${secretOf(random)},30,"Feitian, Inc.",C200`;
}

export function rows(random: Random, prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => row(random, prefix + String(i).padStart(5, '0')));
}

/** The sound file uploaded first: four tokens for each user, ten in inventory. */
export function soundFile(random: Random): string {
  const assigned = USERS.flatMap((upn, u) =>
    [0, 1, 2, 3].map((t) => row(random, `BASE${u}${t}`, upn)),
  );
  return [HEADER, ...assigned, ...rows(random, 'BASEINV', 10)].join('\r\n') + '\r\n';
}

/** Writes `size` bytes of `fill` in 1 MiB pieces, never holding the whole line in memory. */
function writeLong(fd: number, size: number, fill: string): void {
  const piece = Buffer.alloc(1 << 20, fill);
  for (let left = size; left > 0; left -= piece.length) {
    fs.writeSync(fd, piece, 0, Math.min(left, piece.length));
  }
}

export interface MangledCase {
  name: string;
  write(file: string, random: Random): void;
  /** The code of the file problem, or null when the file is processed (with row failures). */
  code: string | null;
  /** The line the problem is reported at (when known). */
  line?: number;
  /** Sound rows before the damage that must have been imported. */
  imported?: number;
}

const text = (file: string, body: string) => fs.writeFileSync(file, body);

export const MANGLED: MangledCase[] = [
  {
    name: 'UTF-16 with a byte order mark',
    write: (file, r) =>
      fs.writeFileSync(file, Buffer.from(`\ufeff${HEADER}\r\n${row(r, 'F1')}\r\n`, 'utf16le')),
    code: 'FILE_NOT_TEXT',
  },
  {
    name: 'Latin-1 on line 3',
    write: (file, r) =>
      fs.writeFileSync(
        file,
        Buffer.concat([
          Buffer.from(`${HEADER}\n${row(r, 'F2A')}\n`),
          Buffer.from(`,F2B,${secretOf(r)},30,M\u00fcller,C200\n`, 'latin1'),
        ]),
      ),
    code: 'FILE_NOT_TEXT',
    line: 3,
  },
  {
    name: 'Latin-1 on line 4002, past the sniffed start',
    write: (file, r) =>
      fs.writeFileSync(
        file,
        Buffer.concat([
          Buffer.from([HEADER, ...rows(r, 'F3', 4000)].join('\n') + '\n'),
          Buffer.from(`,F3X,${secretOf(r)},30,M\u00fcller,C200\n`, 'latin1'),
        ]),
      ),
    code: 'FILE_NOT_TEXT',
    line: 4002,
    imported: 4000,
  },
  {
    name: 'binary junk',
    write: (file, r) =>
      fs.writeFileSync(file, Buffer.from(Array.from({ length: 300_000 }, () => randomInt(r, 256)))),
    code: 'FILE_NOT_TEXT',
  },
  {
    name: 'a NUL byte on line 3001',
    write: (file, r) =>
      text(
        file,
        [HEADER, ...rows(r, 'F5', 2999), `,F5X,${secretOf(r)},30,Fei\0tian,C200`].join('\n'),
      ),
    code: 'FILE_NOT_TEXT',
    line: 3001,
    imported: 2999,
  },
  {
    name: 'a 5 MB UPN field',
    write: (file, r) =>
      text(file, `${HEADER}\n${row(r, 'F6', 'x'.repeat(5e6) + '@contoso.com')}\n`),
    code: 'FILE_LINE_TOO_LONG',
    line: 2,
  },
  {
    name: 'a million columns on one line',
    write: (file, r) => text(file, `${HEADER}\n${row(r, 'F7A')}\n${',x'.repeat(1e6)}\n`),
    code: 'FILE_LINE_TOO_LONG',
    line: 3,
    imported: 1,
  },
  {
    name: 'a 100 MiB single line',
    write: (file, r) => {
      const fd = fs.openSync(file, 'w');
      fs.writeSync(fd, `${HEADER}\n${row(r, 'F8A')}\n,F8B,${secretOf(r)},30,`);
      writeLong(fd, 100 << 20, 'y');
      fs.writeSync(fd, ',C200\n');
      fs.closeSync(fd);
    },
    code: 'FILE_LINE_TOO_LONG',
    line: 3,
    imported: 1,
  },
  {
    name: 'an unterminated quote at the end',
    write: (file, r) => text(file, `${HEADER}\n${row(r, 'F9A')}\n,"F9B,${secretOf(r)},30,F,M\n`),
    code: 'FILE_MALFORMED',
    line: 3,
    imported: 1,
  },
  {
    name: 'an unterminated quote followed by 20 MB of short lines',
    write: (file, r) => {
      const fd = fs.openSync(file, 'w');
      fs.writeSync(fd, `${HEADER}\n${row(r, 'FAA')}\n,"FAB,${secretOf(r)},30,F,M\n`);
      writeLong(fd, 20 << 20, 'z\n');
      fs.closeSync(fd);
    },
    // csv-parse drops the records it had buffered when it throws mid-chunk, so the sound row
    // before the open quote is not counted here (the upload is failed, naming the line).
    code: 'FILE_ROW_TOO_LONG',
  },
  {
    name: '10,000 blank lines before a sound row',
    write: (file, r) => text(file, `${HEADER}\n${'\n'.repeat(10_000)}${row(r, 'FB')}\n`),
    code: null,
    imported: 1,
  },
];
