// The journal's record format: [u32 length][u32 crc32][payload], little-endian. The payload is the
// JSON of one committed transaction: its distinct SQL texts and the statements that used them.
// A crash mid-write leaves a torn tail: a last frame cut short, or zeros where the file was
// extended but not yet written. That tail is dropped. A bad frame with more data after it is
// damage, not a crash, and the journal is refused rather than silently cut there.
import { crc32 } from 'node:zlib';

export type SqlParam = string | number | null | Uint8Array;

export interface TransactionRecord {
  sql: string[];
  statements: [number, SqlParam[]][];
}

const HEADER_BYTES = 8;

type JsonParam = string | number | null | { b: string };

function toJsonParam(value: SqlParam): JsonParam {
  if (value instanceof Uint8Array) return { b: Buffer.from(value).toString('base64') };
  return value;
}

function fromJsonParam(value: JsonParam): SqlParam {
  if (value !== null && typeof value === 'object') return Buffer.from(value.b, 'base64');
  return value;
}

export function encodeRecord(record: TransactionRecord): Buffer {
  const statements = record.statements.map(([index, params]) => [index, params.map(toJsonParam)]);
  const payload = Buffer.from(JSON.stringify({ q: record.sql, s: statements }), 'utf8');
  const frame = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  frame.writeUInt32LE(payload.length, 0);
  frame.writeUInt32LE(crc32(payload), 4);
  payload.copy(frame, HEADER_BYTES);
  return frame;
}

export interface DecodedJournal {
  records: TransactionRecord[];
  /** Bytes of whole, valid records; anything after is a torn tail (or the damage). */
  validBytes: number;
  /** Set when a bad frame has data after it: the journal cannot be trusted past `validBytes`. */
  damage: string | null;
}

export function decodeRecords(data: Buffer, start: number): DecodedJournal {
  const records: TransactionRecord[] = [];
  let offset = start;

  while (offset < data.length) {
    const bad = (why: string): DecodedJournal => ({
      records,
      validBytes: offset,
      damage: isTornTail(data, offset) ? null : `${why} at byte ${offset}, with more data after it`,
    });
    if (offset + HEADER_BYTES > data.length) return bad('a cut record header');

    const length = data.readUInt32LE(offset);
    const checksum = data.readUInt32LE(offset + 4);
    const end = offset + HEADER_BYTES + length;
    if (length === 0) return bad('an empty record');
    if (end > data.length) return bad('a record longer than the file');

    const payload = data.subarray(offset + HEADER_BYTES, end);
    if (crc32(payload) !== checksum) return bad('a record whose checksum does not match');

    let parsed: { q: string[]; s: [number, JsonParam[]][] };
    try {
      parsed = JSON.parse(payload.toString('utf8')) as typeof parsed;
    } catch {
      return { records, validBytes: offset, damage: `an unreadable record at byte ${offset}` };
    }
    records.push({
      sql: parsed.q,
      statements: parsed.s.map(([index, params]) => [index, params.map(fromJsonParam)]),
    });
    offset = end;
  }
  return { records, validBytes: offset, damage: null };
}

/**
 * What a crash can leave from `offset` on: only zeros, or one last frame that reaches the end of
 * the file or runs past it (its header written, its payload not all, or not all of it yet).
 */
function isTornTail(data: Buffer, offset: number): boolean {
  if (data.subarray(offset).every((byte) => byte === 0)) return true;
  if (offset + HEADER_BYTES > data.length) return true;
  return offset + HEADER_BYTES + data.readUInt32LE(offset) >= data.length;
}
