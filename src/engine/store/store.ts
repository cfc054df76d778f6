// The durable database: sql.js in memory, made durable by a snapshot file plus a write journal.
// Open: load the snapshot, replay the journal written after it, migrate, and if anything was
// replayed fold it into a fresh snapshot. Every write transaction is journaled and fsynced (group
// commit) before the promise returned by `write` resolves.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from './atomic-file.js';
import type { Database, Statement } from 'sql.js';
import { AdminError, EXIT } from '../errors.js';
import { createJournalFile, Journal, JOURNAL_FILE, readJournal } from './journal.js';
import type { SqlParam, TransactionRecord } from './journal-codec.js';

export type { TransactionRecord } from './journal-codec.js';
import { lockDirectory, type DirectoryLock } from './lock.js';
import { migrate } from './migrations.js';
import { inspectDataDir } from './data-dir.js';
import { applySessionPragmas } from './session-pragmas.js';
import { openDatabase } from './sqljs.js';
import { readGeneration, writeSnapshotFile, SNAPSHOT_FILE } from './snapshot.js';

export type { SqlParam } from './journal-codec.js';
export type Row = Record<string, SqlParam>;

export { JOURNAL_FILE } from './journal.js';

const EMPTY_JOURNAL = { records: [], validBytes: 0, damage: null, fileBytes: 0 };
/** Compact when the journal grows past this many bytes. */
export const DEFAULT_COMPACT_BYTES = 64 * 1024 * 1024;

export interface StoreOptions {
  compactBytes?: number;
}

/** Statements run inside one write transaction; they are recorded for the journal. */
export interface Tx {
  run(sql: string, params?: SqlParam[]): void;
  get<T = Row>(sql: string, params?: SqlParam[]): T | undefined;
  all<T = Row>(sql: string, params?: SqlParam[]): T[];
  /** Rows changed by the last `run`. */
  changes(): number;
}

/** A prepared statement and its result column names, read once (sql.js reads them per row). */
interface Prepared {
  statement: Statement;
  columns: string[] | null;
}

function rowOf(prepared: Prepared): Row {
  const values = prepared.statement.get();
  prepared.columns ??= prepared.statement.getColumnNames();
  const row: Row = {};
  const columns = prepared.columns;
  for (let i = 0; i < columns.length; i++) row[columns[i] as string] = values[i] as SqlParam;
  return row;
}

/** Sees every committed write transaction, synchronously, before it is durable. */
export type CommitListener = (record: TransactionRecord) => void;

export class Store {
  /** Bytes of a torn journal tail (a crash mid-write) dropped at open; the engine logs them. */
  droppedJournalBytes = 0;
  private statements = new Map<string, Prepared>();
  private commitListeners: CommitListener[] = [];
  private isInTransaction = false;
  private isClosed = false;

  private constructor(
    readonly dir: string,
    private db: Database,
    private journal: Journal,
    private generation: number,
    private readonly lock: DirectoryLock,
    private readonly compactBytes: number,
  ) {}

  static async open(dir: string, options: StoreOptions = {}): Promise<Store> {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const lock = lockDirectory(dir);
    try {
      return await Store.load(dir, lock, options);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  private static async load(dir: string, lock: DirectoryLock, options: StoreOptions) {
    const snapshotPath = path.join(dir, SNAPSHOT_FILE);
    const journalPath = path.join(dir, JOURNAL_FILE);
    const isNew = refuseLostSnapshot(dir);

    let db: Database;
    try {
      db = await openDatabase(isNew ? undefined : fs.readFileSync(snapshotPath));
      applySessionPragmas(db);
    } catch (error) {
      throw new AdminError(
        'DATABASE_CORRUPT',
        `cannot read ${snapshotPath}: ${(error as Error).message}`,
        EXIT.unavailable,
        'restore a backup with `oathdesk restore FILE`',
      );
    }

    const generation = readGeneration(db);
    // A new directory has no journal yet; every other one has, from its first open on.
    const read = isNew ? EMPTY_JOURNAL : readJournal(journalPath, generation);
    if (read.damage !== null) {
      throw new AdminError(
        'JOURNAL_CORRUPT',
        `${journalPath} cannot be trusted: ${read.damage} ` +
          `(${read.records.length} records before it are intact); nothing was changed`,
        EXIT.unavailable,
        'restore a backup with `oathdesk restore FILE`; keep the damaged files for a report',
      );
    }
    for (const record of read.records) replay(db, record);
    const hasMigrated = migrate(db);

    const needsSnapshot = read.records.length > 0 || hasMigrated || isNew;
    const next = needsSnapshot ? writeSnapshotFile(db, dir, generation + 1) : generation;
    // A torn tail, or a journal of an older generation, is not appended to: a fresh one starts.
    const isJournalStale = read.validBytes < read.fileBytes;
    if (needsSnapshot || isJournalStale || !fs.existsSync(journalPath)) {
      createJournalFile(journalPath, next);
    }

    const journal = new Journal(journalPath);
    const compactBytes = options.compactBytes ?? DEFAULT_COMPACT_BYTES;
    const store = new Store(dir, db, journal, next, lock, compactBytes);
    if (read.validBytes > 0) store.droppedJournalBytes = read.fileBytes - read.validBytes;
    return store;
  }

  get<T = Row>(sql: string, params: SqlParam[] = []): T | undefined {
    const prepared = this.prepared(sql);
    const statement = prepared.statement;
    try {
      statement.bind(params);
      return statement.step() ? (rowOf(prepared) as T) : undefined;
    } finally {
      statement.reset();
    }
  }

  all<T = Row>(sql: string, params: SqlParam[] = []): T[] {
    const prepared = this.prepared(sql);
    const statement = prepared.statement;
    const rows: T[] = [];
    try {
      statement.bind(params);
      while (statement.step()) rows.push(rowOf(prepared) as T);
    } finally {
      statement.reset();
    }
    return rows;
  }

  /**
   * Runs `work` as one transaction, synchronously: its changes are visible at once to every later
   * read. The promise resolves with its result once the transaction is on disk.
   */
  write<R>(work: (tx: Tx) => R): Promise<R> {
    const { result, record } = this.transact(work);
    if (record.statements.length === 0) return Promise.resolve(result);
    for (const listener of this.commitListeners) listener(record);

    const durable = this.journal.append(record).then(() => result);
    if (this.compactionHolds === 0 && this.journal.size > this.compactBytes) {
      void this.compactSoon();
    }
    return durable;
  }

  private compactionHolds = 0;

  /**
   * Holds compaction off during bulk work (a large upload would otherwise export the whole
   * database each time the journal passes its bound). Returns the release; a journal grown past
   * its bound meanwhile is compacted once then.
   */
  holdCompaction(): () => void {
    this.compactionHolds++;
    let isReleased = false;
    return () => {
      if (isReleased) return;
      isReleased = true;
      this.compactionHolds--;
      if (this.compactionHolds === 0 && this.journal.size > this.compactBytes && !this.isClosed) {
        void this.compactSoon();
      }
    };
  }

  /**
   * Calls `listener` after each committed transaction that wrote anything, with its statements,
   * so that an in-memory view of some tables can stay exact (this process is the only writer).
   * Returns a function that removes the listener.
   */
  onCommit(listener: CommitListener): () => void {
    this.commitListeners.push(listener);
    return () => {
      this.commitListeners = this.commitListeners.filter((other) => other !== listener);
    };
  }

  /** Writes a consistent copy of the whole database to `file` (temp file, fsync, rename). */
  backupTo(file: string): void {
    writeFileAtomically(file, this.exportDatabase());
  }

  /** Folds the journal into a new snapshot and starts an empty journal. */
  async compact(): Promise<void> {
    await this.journal.idle();
    if (this.isClosed) return;

    // From here to the end nothing yields, so no transaction can slip between export and reset.
    const next = this.generation + 1;
    writeSnapshotFile(this.db, this.dir, next);

    const folded = this.journal.takeQueued();
    this.journal.close();
    createJournalFile(path.join(this.dir, JOURNAL_FILE), next);
    this.journal = new Journal(path.join(this.dir, JOURNAL_FILE));
    this.generation = next;
    for (const entry of folded) entry.resolve();
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    await this.compact();
    this.isClosed = true;
    this.journal.close();
    this.statements.forEach((prepared) => prepared.statement.free());
    this.db.close();
    this.lock.release();
  }

  private compacting: Promise<void> | null = null;

  private compactSoon(): Promise<void> {
    this.compacting ??= this.compact().finally(() => (this.compacting = null));
    return this.compacting;
  }

  private exportDatabase(): Uint8Array {
    // sql.js 1.17 exports through SQLite's backup API: statements and settings survive it.
    return this.db.export();
  }

  private prepare(sql: string): Statement {
    return this.prepared(sql).statement;
  }

  private prepared(sql: string): Prepared {
    let prepared = this.statements.get(sql);
    if (prepared === undefined) {
      prepared = { statement: this.db.prepare(sql), columns: null };
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  private transact<R>(work: (tx: Tx) => R): { result: R; record: TransactionRecord } {
    if (this.isClosed)
      throw new AdminError('STORE_CLOSED', 'the database is closed', EXIT.internal);
    if (this.isInTransaction) throw new Error('nested write transactions are not supported');

    const sqlIndex = new Map<string, number>();
    const record: TransactionRecord = { sql: [], statements: [] };
    const tx: Tx = {
      run: (sql, params = []) => {
        this.prepare(sql).run(params);
        let index = sqlIndex.get(sql);
        if (index === undefined) {
          index = record.sql.push(sql) - 1;
          sqlIndex.set(sql, index);
        }
        record.statements.push([index, params]);
      },
      get: (sql, params) => this.get(sql, params),
      all: (sql, params) => this.all(sql, params),
      changes: () => this.db.getRowsModified(),
    };

    this.isInTransaction = true;
    // Prepared once and kept, like every other statement: exec would compile them each time.
    this.prepare('BEGIN').run();
    try {
      const result = work(tx);
      this.prepare('COMMIT').run();
      return { result, record };
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    } finally {
      this.isInTransaction = false;
    }
  }
}

/**
 * True for a new directory (no snapshot, nothing else of ours). Throws, before anything is
 * written, when the snapshot is empty, or missing from a directory that was used before.
 */
function refuseLostSnapshot(dir: string): boolean {
  const { snapshotBytes, traces } = inspectDataDir(dir);
  const snapshotPath = path.join(dir, SNAPSHOT_FILE);
  const hint = 'restore a backup with `oathdesk restore FILE`; nothing was changed';
  if (snapshotBytes === 0) {
    throw new AdminError('DATABASE_CORRUPT', `${snapshotPath} is empty`, EXIT.unavailable, hint);
  }
  if (snapshotBytes === null && traces.length > 0) {
    throw new AdminError(
      'DATABASE_MISSING',
      `${snapshotPath} is missing, but ${dir} was used before (it holds ${traces.join(', ')})`,
      EXIT.unavailable,
      hint,
    );
  }
  return snapshotBytes === null;
}

function replay(db: Database, record: TransactionRecord): void {
  db.exec('BEGIN');
  try {
    for (const [index, params] of record.statements) db.run(record.sql[index] ?? '', params);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw new AdminError(
      'JOURNAL_REPLAY',
      `replaying the journal failed: ${(error as Error).message}`,
      EXIT.unavailable,
    );
  }
}
