// Turns the rows of one batch into outcomes inside one transaction, and remembers what duplicate
// detection needs. The batch's counters and resume line are saved in the same transaction, so
// after a crash the status never claims a row that is not in the database. Two passes: first the
// checks that need no database (in file order, so a repeat names the first line), then one set
// lookup for the whole batch, then the rows against the database in file order again.
import type { EngineContext } from '../context.js';
import { normalizeBase32 } from '../otp/base32.js';
import type { Tx } from '../store/store.js';
import type { CsvRecord } from './csv-records.js';
import { lookUpBatch } from './batch-lookups.js';
import { applyRow } from './row-apply.js';
import {
  cell,
  checkRow,
  checkSerial,
  isFailure,
  type CheckedRow,
  type RowFailure,
} from './row-check.js';
import { maskText, maskValue } from './secret-mask.js';
import { SeenInFile } from './seen-in-file.js';
import { TokenInserter } from './token-insert.js';
import type { TokenColumns } from './token-columns.js';
import { insertFailure, type Counters } from './upload-rows.js';

/** Row warnings kept in the status; more are counted, not listed. */
const MAX_ROW_WARNINGS = 20;

interface Checked {
  record: CsvRecord;
  row: CheckedRow;
  /** An earlier line of the file with the same secret, if any. */
  sameSecretLine: number | null;
}

interface Refused {
  record: CsvRecord;
  failure: RowFailure;
}

/** Seals the keys of a batch's checked rows, in order (on a worker thread for a large file). */
export type SealMany = (keys: Buffer[]) => Promise<Buffer[]>;

/**
 * A batch after the checks that need no database: its outcomes are not counted yet (the counters
 * saved with a batch must only count rows of batches committed up to it).
 */
export interface PreparedBatch {
  records: CsvRecord[];
  refused: Refused[];
  checked: Checked[];
  /** One sealed secret per checked row. */
  sealed: Promise<Buffer[]>;
}

export class RowBatcher {
  readonly seen = new SeenInFile();
  readonly counters: Counters;
  readonly warnings: string[];
  moreWarnings = 0;

  constructor(
    private readonly ctx: EngineContext,
    private readonly uploadId: string,
    private readonly columns: TokenColumns,
    start: Counters,
    warnings: string[],
  ) {
    this.counters = { ...start };
    this.warnings = [...warnings];
  }

  /** For rows committed before an interruption: only what duplicate detection needs. */
  remember(record: CsvRecord): void {
    const { index, fieldCount } = this.columns;
    if (record.fields.length !== fieldCount) return;

    const serial = cell(record.fields, index.serial);
    if (serial !== '' && checkSerial(serial) === null) this.seen.serial(serial, record.line);

    const secret = normalizeBase32(record.fields[index.secret] ?? '');
    if (secret.ok) this.seen.secret(secret.value, record.line);
  }

  /** Checks a batch's rows in file order and starts sealing the keys of those that passed. */
  prepare(records: CsvRecord[], sealMany: SealMany): PreparedBatch {
    const refused: Refused[] = [];
    const checked: Checked[] = [];
    for (const record of records) {
      const result = this.check(record);
      if (isFailure(result)) refused.push({ record, failure: result });
      else checked.push(result);
    }
    const sealed = sealMany(checked.map((item) => item.row.key));
    return { records, refused, checked, sealed };
  }

  /** Clears the keys of a batch that will not be applied. */
  discard(batch: PreparedBatch): void {
    for (const { row } of batch.checked) row.key.fill(0);
    batch.sealed.catch(() => undefined);
  }

  /** Applies a prepared batch inside `tx`: counters, failures and tokens are updated. */
  apply(tx: Tx, batch: PreparedBatch, sealed: Buffer[]): void {
    const { records, refused, checked } = batch;
    this.counters.rows += records.length;
    for (const { record, failure } of refused) this.fail(tx, record, failure);

    const lookups = lookUpBatch(
      tx,
      checked.map((item) => item.row.serial),
      checked.flatMap((item) => (item.row.upn === '' ? [] : [item.row.upn])),
    );
    const inserter = new TokenInserter(tx, this.uploadId, this.ctx.now());
    for (let i = 0; i < checked.length; i++) {
      const { record, row, sameSecretLine } = checked[i] as Checked;
      const line = record.line;
      const outcome = applyRow(this.ctx, tx, lookups, inserter, row, sealed[i] as Buffer);
      row.key.fill(0);
      if (outcome === 'imported') {
        this.counters.imported++;
        if (row.warning) this.warn(`line ${line}: ${row.warning}`);
        if (sameSecretLine !== null) {
          this.warn(
            `line ${line}: serial '${row.serial}' has the same secret key as line ` +
              `${sameSecretLine}; two tokens should never share a seed (copy-and-paste error?)`,
          );
        }
      } else if (outcome === 'unchanged') this.counters.unchanged++;
      else this.fail(tx, record, outcome);
    }
    inserter.flush();
  }

  /** The checks that need no database, in file order. */
  private check(record: CsvRecord): RowFailure | Checked {
    const { fields, line } = record;
    const { index, fieldCount } = this.columns;

    // The serial is remembered even when the row fails for another reason, so that a repeat
    // names the first line it appeared on.
    const serial = cell(fields, index.serial);
    if (fields.length === fieldCount && serial !== '' && checkSerial(serial) === null) {
      const repeat = this.seen.serial(serial, line);
      if (repeat) return repeat;
    }

    const row = checkRow(fields, this.columns);
    if (isFailure(row)) return row;

    // Two serials with one secret are most likely a copy-and-paste error, but the shared cases
    // also show one seed written twice in different forms on purpose (c11): warn, not refuse.
    return { record, row, sameSecretLine: this.seen.secret(row.secret, line) };
  }

  /** Hides seed-like cells before anything is stored: a shifted column can hold the seed. */
  private fail(tx: Tx, record: CsvRecord, failure: RowFailure): void {
    this.counters.failed++;
    const { fields } = record;
    const { index } = this.columns;
    insertFailure(tx, this.uploadId, {
      line: record.line,
      upn: maskValue(cell(fields, index.upn)),
      serial: maskValue(cell(fields, index.serial)),
      code: failure.code,
      reason: maskText(failure.reason, fields),
      hint: maskText(failure.hint, fields),
    });
  }

  private warn(message: string): void {
    if (this.warnings.length < MAX_ROW_WARNINGS) this.warnings.push(maskText(message, []));
    else this.moreWarnings++;
  }

  /** The warnings for the final status, with a count of those not listed. */
  finalWarnings(): string[] {
    if (this.moreWarnings === 0) return this.warnings;
    return [...this.warnings, `${this.moreWarnings} more row warning(s) not listed`];
  }
}
