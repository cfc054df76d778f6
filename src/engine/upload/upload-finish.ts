// The last step of an upload: its final status, its one audit entry, and the summary announced.
import type { EngineContext } from '../context.js';
import type { UploadStatus, UploadSummary } from '../types.js';
import type { RowBatcher } from './row-batch.js';
import { findUpload, toSummary, type UploadRow } from './upload-rows.js';

export async function finishUpload(
  ctx: EngineContext,
  upload: UploadRow,
  batcher: RowBatcher | null,
  error: string | null,
): Promise<UploadSummary> {
  await ctx.store.write((tx) => {
    // Counters saved with the last batch stay as they are; a file problem only adds its reason.
    const current = findUpload(tx, upload.id) ?? upload;
    const status: UploadStatus =
      error !== null ? 'failed' : current.failed > 0 ? 'completedWithErrors' : 'completed';
    const saved = JSON.parse(current.warnings) as string[];
    const warnings = batcher ? batcher.finalWarnings() : saved;

    tx.run(
      `UPDATE uploads SET status = ?, error = ?, warnings = ?, finished_at = ?
      WHERE id = ?`,
      [status, error, JSON.stringify(warnings), ctx.now(), upload.id],
    );
    ctx.audit.record(tx, {
      actor: upload.actor,
      action: 'upload',
      upn: null,
      serial: null,
      outcome: error === null ? 'ok' : 'refused',
      reason:
        `upload ${upload.id} ('${upload.file_name}') ${status}: ${current.rows} rows, ` +
        `${current.imported} imported, ${current.unchanged} unchanged, ${current.failed} failed` +
        (error === null ? '' : `; ${error}`),
    });
  });

  const finished = findUpload(ctx.store, upload.id);
  return toSummary(finished ?? upload);
}
