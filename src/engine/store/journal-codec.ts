// The journal's record format: [u32 length][u32 crc32][payload], little-endian. The payload is the
// JSON of one committed transaction: its distinct SQL texts and the statements that used them.
// A torn or corrupt tail (a crash mid-write) fails its checksum and ends the replay there.
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
  /** Bytes of whole, valid records; anything after is a torn tail. */
  validBytes: number;
}

export function decodeRecords(data: Buffer, start: number): DecodedJournal {
  const records: TransactionRecord[] = [];
  let offset = start;

  while (offset + HEADER_BYTES <= data.length) {
    const length = data.readUInt32LE(offset);
    const checksum = data.readUInt32LE(offset + 4);
    const end = offset + HEADER_BYTES + length;
    if (end > data.length) break;

    const payload = data.subarray(offset + HEADER_BYTES, end);
    if (crc32(payload) !== checksum) break;

    const parsed = JSON.parse(payload.toString('utf8')) as {
      q: string[];
      s: [number, JsonParam[]][];
    };
    records.push({
      sql: parsed.q,
      statements: parsed.s.map(([index, params]) => [index, params.map(fromJsonParam)]),
    });
    offset = end;
  }
  return { records, validBytes: offset };
}
