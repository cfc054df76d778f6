// Uploads of hardware token files. `queue` copies the file into the data directory and returns at
// once; the owner process works through the queue in the background, one upload at a time. An
// upload interrupted by a crash resumes after its last committed batch when the engine starts.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { EngineContext } from '../context.js';
import { UPLOADS_DIR } from '../store/data-dir.js';
import { AdminError, EXIT, errorMessage, notFound } from '../errors.js';
import type { UploadFailure, UploadProgress, UploadSummary } from '../types.js';
import { copyIn } from './copy-in.js';
import { writeFailuresCsv } from './failures-file.js';
import { FileProblem } from './file-problem.js';
import { processUpload } from './process-upload.js';
import { missingCopy, uploadCopyName, uploadCopyPath } from './upload-copy.js';
import {
  failuresPage,
  findUpload,
  listUploads,
  nextUpload,
  toSummary,
  UPLOAD_RETENTION_MS,
  type UploadRow,
  waitingUploads,
} from './upload-rows.js';
import { finishUpload } from './upload-finish.js';

export class UploadService {
  private isStarted = false;
  private isStopping = false;
  private worker: Promise<void> | null = null;
  private live: UploadProgress | null = null;

  constructor(private readonly ctx: EngineContext) {}

  /** Begins processing queued uploads, resuming any left `processing` by a crash. */
  start(): void {
    if (this.isStarted) return;
    this.isStarted = true;
    this.isStopping = false;
    this.removeOrphanCopies();
    this.kick();
  }

  /** Ends the current batch and stops; an unfinished upload resumes at the next start. */
  async stop(): Promise<void> {
    this.isStopping = true;
    await this.worker;
    this.isStarted = false;
  }

  /** Uploads queued or interrupted that this process has not started processing. */
  waiting(): UploadSummary[] {
    if (this.isStarted) return [];
    return waitingUploads(this.ctx.store).map(toSummary);
  }

  /** Resolves when no upload is queued or processing (at once when not started). */
  async whenIdle(): Promise<void> {
    while (this.worker !== null) await this.worker;
  }

  async queue(file: string, actor: string): Promise<UploadSummary> {
    const id = crypto.randomBytes(4).toString('hex');
    const dir = path.join(this.ctx.dataDir, UPLOADS_DIR);
    const stored = path.join(this.ctx.dataDir, uploadCopyName(id));
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    await copyIn(file, stored);

    const fileName = path.basename(file);
    const now = this.ctx.now();
    await this.ctx.store.write((tx) => {
      tx.run(
        `INSERT INTO uploads (id, file_name, stored_path, status, actor, created_at)
         VALUES (?, ?, ?, 'queued', ?, ?)`,
        [id, fileName, uploadCopyName(id), actor, now],
      );
      this.ctx.audit.record(tx, {
        actor,
        action: 'upload.queue',
        upn: null,
        serial: null,
        outcome: 'ok',
        reason: `queued '${fileName}' as upload ${id}`,
      });
    });
    const summary = this.get(id);
    this.kick();
    return summary;
  }

  list(): UploadSummary[] {
    return listUploads(this.ctx.store).map(toSummary);
  }

  get(id: string): UploadSummary {
    return toSummary(this.row(id));
  }

  progress(id: string): UploadProgress {
    if (this.live?.id === id) return { ...this.live };
    const upload = this.get(id);
    return { id, status: upload.status, ...counts(upload), bytesRead: 0, bytesTotal: 0 };
  }

  async delete(id: string, actor = 'system'): Promise<void> {
    const upload = this.row(id);
    if (this.live?.id === id) {
      throw new AdminError(
        'UPLOAD_BUSY',
        `upload ${id} is being processed`,
        EXIT.refused,
        'wait until it has finished, then delete it',
      );
    }
    await this.ctx.store.write((tx) => {
      tx.run('DELETE FROM upload_failures WHERE upload_id = ?', [id]);
      tx.run('DELETE FROM uploads WHERE id = ?', [id]);
      this.ctx.audit.record(tx, {
        actor,
        action: 'upload.delete',
        upn: null,
        serial: null,
        outcome: 'ok',
        reason: `deleted the status of upload ${id} ('${upload.file_name}')`,
      });
    });
    this.removeCopy(id);
  }

  /** Failed rows in line order; `limit` bounds the answer for very large uploads. */
  failures(id: string, limit = 100_000): UploadFailure[] {
    this.row(id);
    return failuresPage(this.ctx.store, id, 0, limit);
  }

  /** Writes `Failures_<uploaded file name>.csv` into `dir`; returns its path. */
  async writeFailuresFile(id: string, dir: string): Promise<string> {
    const upload = this.row(id);
    return writeFailuresCsv(this.ctx.store, upload, dir);
  }

  /** Deletes finished upload statuses older than 30 days; returns how many. */
  async purgeExpired(): Promise<number> {
    const cutoff = this.ctx.now() - UPLOAD_RETENTION_MS;
    const expired = this.ctx.store.all<{ id: string }>(
      `SELECT id FROM uploads
       WHERE created_at < ? AND status NOT IN ('queued', 'processing')`,
      [cutoff],
    );
    if (expired.length === 0) return 0;

    await this.ctx.store.write((tx) => {
      for (const { id } of expired) {
        tx.run('DELETE FROM upload_failures WHERE upload_id = ?', [id]);
        tx.run('DELETE FROM uploads WHERE id = ?', [id]);
      }
    });
    for (const { id } of expired) this.removeCopy(id);
    return expired.length;
  }

  private row(id: string): UploadRow {
    const upload = findUpload(this.ctx.store, id);
    if (!upload) throw notFound('upload', id, 'list uploads with `oathdesk uploads`');
    return upload;
  }

  private kick(): void {
    if (!this.isStarted || this.isStopping || this.worker !== null) return;
    this.worker = this.drain().finally(() => (this.worker = null));
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.isStopping) return;
      const upload = nextUpload(this.ctx.store);
      if (!upload) return;
      const isFinished = await this.runOne(upload);
      if (!isFinished) return;
    }
  }

  /** Processes one upload; false when it was interrupted by `stop`. */
  private async runOne(queued: UploadRow): Promise<boolean> {
    const startedAt = queued.started_at ?? this.ctx.now();
    await this.ctx.store.write((tx) =>
      tx.run(`UPDATE uploads SET status = 'processing', started_at = ? WHERE id = ?`, [
        startedAt,
        queued.id,
      ]),
    );
    const copy = uploadCopyPath(this.ctx.dataDir, queued.id);
    const upload = {
      ...queued,
      stored_path: copy ?? '',
      status: 'processing' as const,
      started_at: startedAt,
    };
    this.live = {
      id: upload.id,
      status: 'processing',
      ...counts(upload),
      bytesRead: 0,
      bytesTotal: 0,
    };

    let error: string | null = null;
    let batcher = null;
    // One snapshot after the upload instead of one each time its rows fill the journal's bound.
    const releaseCompaction = this.ctx.store.holdCompaction();
    try {
      if (copy === null || !fs.existsSync(copy)) throw missingCopy(upload.file_name);
      const result = await processUpload(this.ctx, upload, {
        shouldStop: () => this.isStopping,
        onProgress: (progress) => {
          this.live = progress;
          this.ctx.events.emit('uploadProgress', progress);
        },
      });
      if (result.isStopped) return false;
      batcher = result.batcher;
    } catch (caught) {
      if (this.isStopping && !(caught instanceof FileProblem)) return false;
      error =
        caught instanceof FileProblem ? caught.statusMessage : `INTERNAL: ${errorMessage(caught)}`;
      this.ctx.logger.warn(
        { upload: upload.id, code: (caught as AdminError).code },
        'upload failed',
      );
    } finally {
      this.live = null;
      releaseCompaction();
    }

    const summary = await finishUpload(this.ctx, upload, batcher, error);
    this.removeCopy(upload.id);
    this.ctx.events.emit('uploadFinished', summary);
    return true;
  }

  private removeCopy(id: string): void {
    const copy = uploadCopyPath(this.ctx.dataDir, id);
    if (copy !== null) fs.rmSync(copy, { force: true });
  }

  /** Stored copies hold seeds in clear: none may outlive the processing of its upload. */
  private removeOrphanCopies(): void {
    const dir = path.join(this.ctx.dataDir, UPLOADS_DIR);
    if (!fs.existsSync(dir)) return;
    const pending = new Set(
      this.ctx.store
        .all<{ id: string }>(`SELECT id FROM uploads WHERE status IN ('queued', 'processing')`)
        .map((row) => `${row.id}.csv`),
    );
    for (const name of fs.readdirSync(dir)) {
      if (!pending.has(name)) fs.rmSync(path.join(dir, name), { force: true });
    }
  }
}

function counts(upload: { rows: number; imported: number; unchanged: number; failed: number }) {
  return {
    rows: upload.rows,
    imported: upload.imported,
    unchanged: upload.unchanged,
    failed: upload.failed,
  };
}
