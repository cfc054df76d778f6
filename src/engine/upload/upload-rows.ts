// The `uploads` and `upload_failures` tables, read and written as domain values.
import type { Store, Tx } from '../store/store.js';
import type { UploadFailure, UploadStatus, UploadSummary } from '../types.js';
import { maskText, maskValue } from './secret-mask.js';

/** Upload statuses are kept this long, then purged. */
export const UPLOAD_RETENTION_MS = 30 * 24 * 3600 * 1000;

export interface UploadRow {
  id: string;
  file_name: string;
  stored_path: string;
  status: UploadStatus;
  rows: number;
  imported: number;
  unchanged: number;
  failed: number;
  warnings: string;
  error: string | null;
  resume_line: number;
  actor: string;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export interface Counters {
  rows: number;
  imported: number;
  unchanged: number;
  failed: number;
}

const COLUMNS = `id, file_name, stored_path, status, rows, imported, unchanged, failed, warnings,
  error, resume_line, actor, created_at, started_at, finished_at`;

export function toSummary(row: UploadRow): UploadSummary {
  return {
    id: row.id,
    fileName: row.file_name,
    status: row.status,
    rows: row.rows,
    imported: row.imported,
    unchanged: row.unchanged,
    failed: row.failed,
    warnings: JSON.parse(row.warnings) as string[],
    error: row.error,
    actor: row.actor,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    expiresAt: row.created_at + UPLOAD_RETENTION_MS,
  };
}

export function findUpload(store: Store | Tx, id: string): UploadRow | undefined {
  return store.get<UploadRow>(`SELECT ${COLUMNS} FROM uploads WHERE id = ?`, [id]);
}

export function listUploads(store: Store): UploadRow[] {
  return store.all<UploadRow>(`SELECT ${COLUMNS} FROM uploads ORDER BY created_at DESC, id`);
}

const WAITING = `SELECT ${COLUMNS} FROM uploads WHERE status IN ('processing', 'queued')
  ORDER BY status = 'queued', created_at, id`;

/** Uploads to work on: interrupted ones first (they resume), then queued ones in order. */
export function nextUpload(store: Store): UploadRow | undefined {
  return store.get<UploadRow>(`${WAITING} LIMIT 1`);
}

/** Every upload still to work on, in the order `nextUpload` takes them. */
export function waitingUploads(store: Store): UploadRow[] {
  return store.all<UploadRow>(WAITING);
}

export function saveProgress(
  tx: Tx,
  id: string,
  counters: Counters,
  resumeLine: number,
  warnings: string[],
): void {
  tx.run(
    `UPDATE uploads SET rows = ?, imported = ?, unchanged = ?, failed = ?, resume_line = ?,
     warnings = ? WHERE id = ?`,
    [
      counters.rows,
      counters.imported,
      counters.unchanged,
      counters.failed,
      resumeLine,
      JSON.stringify(warnings),
      id,
    ],
  );
}

export function insertFailure(tx: Tx, id: string, failure: UploadFailure): void {
  tx.run(
    `INSERT OR REPLACE INTO upload_failures (upload_id, line, upn, serial, code, reason, hint)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [id, failure.line, failure.upn, failure.serial, failure.code, failure.reason, failure.hint],
  );
}

interface FailureRow {
  line: number;
  upn: string;
  serial: string;
  code: string;
  reason: string;
  hint: string;
}

/** One page of failures after `afterLine`, in line order. */
export function failuresPage(
  store: Store,
  id: string,
  afterLine: number,
  limit: number,
): UploadFailure[] {
  const rows = store.all<FailureRow>(
    `SELECT line, upn, serial, code, reason, hint FROM upload_failures
     WHERE upload_id = ? AND line > ? ORDER BY line LIMIT ?`,
    [id, afterLine, limit],
  );

  // Rows are masked when stored; this also hides seeds in rows stored before masking existed.
  return rows.map((row) => ({
    ...row,
    upn: maskValue(row.upn),
    serial: maskValue(row.serial),
    reason: maskText(row.reason, [row.upn, row.serial]),
    hint: maskText(row.hint, [row.upn, row.serial]),
  }));
}
