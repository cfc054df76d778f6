// Processes one stored upload file: sniff, map the header, then stream the rows in batches of
// BATCH_ROWS, each one transaction. Between batches the event loop runs (a RADIUS server may
// share the process), and the fsync of one batch overlaps the checking of the next.
import type { EngineContext } from '../context.js';
import type { UploadProgress } from '../types.js';
import { readCsvRecords, type CsvRecord } from './csv-records.js';
import { sniffCsv } from './csv-sniff.js';
import { FileProblem } from './file-problem.js';
import { RowBatcher } from './row-batch.js';
import { countKnownTokenColumns, mapTokenColumns, TOKEN_HEADER_EXAMPLE } from './token-columns.js';
import { saveProgress, type UploadRow } from './upload-rows.js';

export const BATCH_ROWS = 2000;
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
  let inFlight: Promise<void> = Promise.resolve();
  let probed = isResuming ? SHAPE_PROBE_ROWS : 0;
  let misfits = 0;
  let firstLine = 0;

  const commit = async (bytes: number): Promise<void> => {
    const records = batch;
    batch = [];
    const resumeLine = records[records.length - 1]?.line ?? upload.resume_line;
    const durable = ctx.store.write((tx) => {
      batcher.apply(tx, records);
      saveProgress(tx, upload.id, batcher.counters, resumeLine, batcher.warnings);
    });
    const reported = { ...batcher.counters };

    await inFlight;
    inFlight = durable.then(() =>
      hooks.onProgress({
        id: upload.id,
        status: 'processing',
        ...reported,
        bytesRead: bytes,
        bytesTotal: shape.bytesTotal,
      }),
    );
    await new Promise<void>((resolve) => setImmediate(resolve));
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
        await commit(record.bytes);
        if (hooks.shouldStop()) {
          await inFlight;
          return { isStopped: true, batcher };
        }
      }
    }
  } catch (error) {
    // A file damaged further down: the sound rows before the damage are still processed.
    const isLateDamage = error instanceof FileProblem && error.code !== MISFIT;
    if (isLateDamage && batch.length > 0) await commit(shape.bytesTotal);
    await inFlight;
    throw error;
  }

  if (batch.length > 0) await commit(shape.bytesTotal);
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
