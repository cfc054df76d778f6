// Inserts the new tokens of a batch with multi-row INSERT statements: one sql.js call (bind, step,
// reset) and one journal statement per CHUNK_ROWS tokens instead of per token, which roughly
// halves the database cost of a row. Rows are queued in file order and flushed when a chunk is
// full and at the end of the batch; the caller has already ruled out every conflict (an earlier
// line of the file, or a serial the database holds), so each queued row is inserted.
import type { Tx } from '../store/store.js';
import type { SqlParam } from '../store/journal-codec.js';

/** Rows per statement; a remainder is flushed in halving chunks so few SQL texts exist. */
export const CHUNK_ROWS = 128;
const ROW_PARAMS = 9;
/** ?1 is the upload id and ?2 the time, shared by every row of a statement. */
const SHARED_PARAMS = 2;

const statements = new Map<number, string>();

function insertSql(rows: number): string {
  let sql = statements.get(rows);
  if (sql !== undefined) return sql;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    const p = (column: number) => `?${SHARED_PARAMS + r * ROW_PARAMS + column}`;
    tuples.push(
      `(${p(1)}, 'hardware', ${p(2)}, ${p(3)}, 1, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ` +
        `${p(8)}, ${p(9)}, ?1, ?2)`,
    );
  }
  sql =
    'INSERT INTO tokens (serial, kind, user_id, status, enabled, secret, algorithm, digits, ' +
    'interval_seconds, manufacturer, model, upload_id, created_at) VALUES ' +
    tuples.join(', ');
  statements.set(rows, sql);
  return sql;
}

export interface NewToken {
  serial: string;
  userId: number | null;
  sealedSecret: Buffer;
  algorithm: string;
  digits: number;
  interval: number;
  manufacturer: string;
  model: string;
}

export class TokenInserter {
  private params: SqlParam[];
  private rows = 0;

  constructor(
    private readonly tx: Tx,
    private readonly uploadId: string,
    private readonly now: number,
  ) {
    this.params = [uploadId, now];
  }

  add(token: NewToken): void {
    this.params.push(
      token.serial,
      token.userId,
      token.userId === null ? 'available' : 'assigned',
      token.sealedSecret,
      token.algorithm,
      token.digits,
      token.interval,
      token.manufacturer,
      token.model,
    );
    if (++this.rows === CHUNK_ROWS) this.flushRows(CHUNK_ROWS);
  }

  /** Inserts every queued row; call before the transaction ends. */
  flush(): void {
    for (let size = CHUNK_ROWS; size >= 1 && this.rows > 0; size >>= 1) {
      while (this.rows >= size) this.flushRows(size);
    }
  }

  private flushRows(rows: number): void {
    const take = rows * ROW_PARAMS;
    const queued = this.params;
    const params =
      rows === this.rows
        ? queued
        : [this.uploadId, this.now, ...queued.slice(SHARED_PARAMS, SHARED_PARAMS + take)];
    this.tx.run(insertSql(rows), params);
    if (this.tx.changes() !== rows) {
      // Conflicts were ruled out before queuing: a mismatch is a defect, and throwing rolls the
      // whole batch back rather than report rows that are not there.
      throw new Error(`inserted ${this.tx.changes()} of ${rows} queued tokens`);
    }
    this.params =
      rows === this.rows
        ? [this.uploadId, this.now]
        : [this.uploadId, this.now, ...queued.slice(SHARED_PARAMS + take)];
    this.rows -= rows;
  }
}
