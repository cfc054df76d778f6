// Processes one stored upload file: sniff, map the header, then stream the rows in batches of
// BATCH_ROWS, each one transaction. Between batches the event loop runs (a RADIUS server may
// share the process). A batch moves through a pipeline: its rows are checked and its seeds sent
// to be sealed (on a worker thread for a large file) while the next batch is read; then it is
// applied in one transaction, whose fsync overlaps the reading of the batch after.
import type { EngineContext } from '../context.js';
import type { UploadProgress } from '../types.js';
import { readCsvRecords, type CsvRecord } from './csv-records.js';
import { sniffCsv } from './csv-sniff.js';
import { FileProblem } from './file-problem.js';
import { RowBatcher, type PreparedBatch, type SealMany } from './row-batch.js';
import { countKnownTokenColumns, mapTokenColumns, TOKEN_HEADER_EXAMPLE } from './token-columns.js';
import { saveProgress, type UploadRow } from './upload-rows.js';

export const BATCH_ROWS = 2000;
/** Files at least this large seal on a worker thread; starting one costs a few milliseconds. */
const WORKER_SEAL_BYTES = 1024 * 1024;
/** When this many first rows all have the wrong number of fields, the file is not this CSV. */
const SHAPE_PROBE_ROWS = 3;
const MISFIT = 'FILE_ROWS_MISMATCH';

export interface RunHooks {
  /** True when the service is stopping: the run ends after the current batch. */
  shouldStop(): boolean;
  /** Called with durable progress only: every row it counts is on disk. */
  onProgress(progress: UploadProgress): void;
}

export interface RunResult {
  isStopped: boolean;
  batcher: RowBatcher | null;
}

export async function processUpload(
  ctx: EngineContext,
  upload: UploadRow,
  hooks: RunHooks,
): Promise<RunResult> {
  const shape = await sniffCsv(upload.stored_path, countKnownTokenColumns, TOKEN_HEADER_EXAMPLE);
  const columns = mapTokenColumns(shape.names, shape.headerLine);
  const isResuming = upload.resume_line > 0;
  const warnings = isResuming ? (JSON.parse(upload.warnings) as string[]) : columns.warnings;
  const batcher = new RowBatcher(ctx, upload.id, columns, upload, warnings);

  let batch: CsvRecord[] = [];
  let prepared: PreparedBatch | null = null;
  let inFlight: Promise<void> = Promise.resolve();
  let probed = isResuming ? SHAPE_PROBE_ROWS : 0;
  let misfits = 0;
  let firstLine = 0;

  const worker = shape.bytesTotal >= WORKER_SEAL_BYTES ? ctx.box.sealWorker() : null;
  const sealMany: SealMany = worker
    ? (keys) => worker.seal(keys, 'seed')
    : (keys) => Promise.resolve(keys.map((key) => ctx.box.seal(key, 'seed')));

  // Applies the batch prepared earlier, if any, in one transaction.
  const applyPrepared = async (): Promise<void> => {
    const ready = prepared;
    prepared = null;
    if (ready === null) return;
    const sealed = await ready.sealed;
    const last = ready.records[ready.records.length - 1];
    const resumeLine = last?.line ?? upload.resume_line;
    const durable = ctx.store.write((tx) => {
      batcher.apply(tx, ready, sealed);
      saveProgress(tx, upload.id, batcher.counters, resumeLine, batcher.warnings);
    });
    const reported = { ...batcher.counters };

    await inFlight;
    inFlight = durable.then(() =>
      hooks.onProgress({
        id: upload.id,
        status: 'processing',
        ...reported,
        bytesRead: last?.bytes ?? 0,
        bytesTotal: shape.bytesTotal,
      }),
    );
    await new Promise<void>((resolve) => setImmediate(resolve));
  };

  // Prepares the rows read so far, then applies the batch prepared before them.
  const commit = async (): Promise<void> => {
    const next = batch.length > 0 ? batcher.prepare(batch, sealMany) : null;
    batch = [];
    await applyPrepared();
    prepared = next;
  };
  const drain = async (): Promise<void> => {
    await commit();
    await applyPrepared();
  };

  try {
    for await (const record of readCsvRecords(upload.stored_path, shape)) {
      if (record.line <= upload.resume_line) {
        batcher.remember(record);
        continue;
      }

      if (probed < SHAPE_PROBE_ROWS) {
        probed++;
        firstLine ||= record.line;
        if (record.fields.length !== columns.fieldCount) misfits++;
        if (misfits === SHAPE_PROBE_ROWS) {
          throw misfitProblem(shape.delimiter, columns.fieldCount, firstLine);
        }
      }

      batch.push(record);
      if (batch.length >= BATCH_ROWS) {
        await commit();
        if (hooks.shouldStop()) {
          if (prepared) batcher.discard(prepared);
          await inFlight;
          return { isStopped: true, batcher };
        }
      }
    }
    await drain();
  } catch (error) {
    // A file damaged further down: the sound rows before the damage are still processed.
    const isLateDamage = error instanceof FileProblem && error.code !== MISFIT;
    if (isLateDamage) await drain();
    else if (prepared) batcher.discard(prepared);
    await inFlight;
    throw error;
  } finally {
    await worker?.close();
  }

  await inFlight;
  return { isStopped: false, batcher };
}

function misfitProblem(delimiter: string, fieldCount: number, line: number): FileProblem {
  const shown = delimiter === '\t' ? 'tab' : `'${delimiter}'`;
  return new FileProblem(
    MISFIT,
    `the first ${SHAPE_PROBE_ROWS} rows do not have the ${fieldCount} fields of the header` +
      ` (separated by ${shown}); the file is not laid out as its header says`,
    line,
    'save the file again as CSV with one delimiter throughout, the header on line 1',
  );
}
