// The audit trail: every admin action and every code decision, with the precise reason.
// Rows are written inside the transaction that made the change, so the two never disagree.
import type { SqlParam, Store, Tx } from '../store/store.js';
import type { EngineEvents } from '../events.js';
import type { AuditEntry } from '../types.js';
import type { AuditQuery } from '../admin-api.js';

export type AuditInput = Omit<AuditEntry, 'id' | 'at'>;

interface AuditRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  upn: string | null;
  serial: string | null;
  outcome: AuditEntry['outcome'];
  reason: string;
}

export const AUDIT_RETENTION_DAYS = 90;

const LAST_ID = 'SELECT ifnull(max(id), 0) AS id FROM audit';
// A few fixed sizes, largest first, so that only a few statements are prepared and cached.
const ROWS_PER_INSERT = [32, 8, 1];
const INSERTS = new Map(
  ROWS_PER_INSERT.map((rows) => [
    rows,
    'INSERT INTO audit (id, at, actor, action, upn, serial, outcome, reason) VALUES ' +
      Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', '),
  ]),
);

function insertOf(rows: number): string {
  return INSERTS.get(rows) as string;
}

export class AuditLog {
  constructor(
    private readonly store: Store,
    private readonly events: EngineEvents,
    private readonly now: () => number,
  ) {}

  // The id of the last row written by this process; read once. Ids are given explicitly so that
  // a decision does not pay a `SELECT last_insert_rowid()` round trip into sql.js. Only this class
  // inserts audit rows and only this process writes the store, so the counter stays exact; a
  // rolled-back transaction leaves a gap in the ids, which nothing relies on.
  private lastId: number | null = null;

  /** Records an entry inside `tx`; the event goes out at once (the live screen is not durable). */
  record(tx: Tx, input: AuditInput): void {
    this.recordAll(tx, [input]);
  }

  /**
   * Records entries inside `tx`, in order, several rows per INSERT: a row costs about half as
   * much in a multi-row statement (one bind and step for the lot), which the verifier's batches
   * use. Entries get consecutive ids.
   */
  recordAll(tx: Tx, inputs: readonly AuditInput[]): void {
    const at = this.now();
    this.lastId ??= Number(tx.get<{ id: number }>(LAST_ID)?.id ?? 0);
    const first = this.lastId + 1;
    this.lastId += inputs.length;

    let done = 0;
    while (done < inputs.length) {
      const rows = ROWS_PER_INSERT.find((size) => size <= inputs.length - done) ?? 1;
      const params: SqlParam[] = [];
      for (let i = done; i < done + rows; i++) {
        const input = inputs[i] as AuditInput;
        params.push(first + i, at, input.actor, input.action, input.upn, input.serial);
        params.push(input.outcome, input.reason);
      }
      tx.run(insertOf(rows), params);
      done += rows;
    }

    // Nobody listens on a plain server: entry objects are built only for a listener.
    if (this.events.listenerCount('audit') === 0) return;
    inputs.forEach((input, i) => this.events.emit('audit', { id: first + i, at, ...input }));
  }

  query(query: AuditQuery): AuditEntry[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.since !== undefined) {
      where.push('at >= ?');
      params.push(query.since);
    }
    if (query.upn) {
      where.push('lower(upn) = ?');
      params.push(query.upn.trim().toLowerCase());
    }
    if (query.text) {
      where.push(
        "(instr(lower(actor || ' ' || action || ' ' || ifnull(upn, '') || ' ' || " +
          "ifnull(serial, '') || ' ' || outcome || ' ' || reason), ?) > 0)",
      );
      params.push(query.text.toLowerCase());
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    params.push(Math.max(1, Math.min(query.limit ?? 200, 10_000)));

    return this.store.all<AuditRow>(
      `SELECT id, at, actor, action, upn, serial, outcome, reason FROM audit ${clause}
       ORDER BY id DESC LIMIT ?`,
      params,
    );
  }

  /** Deletes entries older than the retention period; returns how many. */
  async purge(retentionDays = AUDIT_RETENTION_DAYS): Promise<number> {
    const cutoff = this.now() - retentionDays * 24 * 3600 * 1000;
    return this.store.write((tx) => {
      tx.run('DELETE FROM audit WHERE at < ?', [cutoff]);
      return tx.changes();
    });
  }
}
