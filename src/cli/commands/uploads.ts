// `oathdesk upload`, `uploads`, `uploads delete` and `failures`.
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import type { AdminApi } from '../../engine/admin-api.js';
import { AdminError, EXIT, type ExitCode } from '../../engine/errors.js';
import type { UploadSummary } from '../../engine/types.js';
import { isJson, withAdmin } from '../context.js';
import { formatTime, printJson, printTable, printLine } from '../output.js';
import { noteServerWrote } from '../server-note.js';

const POLL_MS = 200;
const DAY_MS = 24 * 3600 * 1000;

function exitCodeOf(upload: UploadSummary): ExitCode {
  if (upload.status === 'failed') return EXIT.usage;
  if (upload.status === 'completedWithErrors') return EXIT.rowsFailed;
  return EXIT.ok;
}

function summaryLine(upload: UploadSummary): string {
  const counts =
    `rows ${upload.rows}, imported ${upload.imported}, unchanged ${upload.unchanged}, ` +
    `failed ${upload.failed}`;
  return `upload ${upload.id} (${upload.fileName}): ${upload.status}; ${counts}`;
}

async function waitForUpload(admin: AdminApi, id: string, showBar: boolean) {
  const bar = showBar
    ? new SingleBar(
        { clearOnComplete: true, format: 'processing [{bar}] {percentage}%' },
        Presets.shades_classic,
      )
    : null;
  bar?.start(100, 0);
  for (;;) {
    const progress = await admin.uploadProgress(id);
    const isDone = !['queued', 'processing'].includes(progress.status);
    const share = progress.bytesTotal > 0 ? progress.bytesRead / progress.bytesTotal : 0;
    bar?.update(Math.round((isDone ? 1 : share) * 100));
    if (isDone) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  bar?.stop();
  return admin.getUpload(id);
}

function printUpload(upload: UploadSummary): void {
  printLine(summaryLine(upload));
  for (const warning of upload.warnings) printLine(`  warning: ${warning}`);
  if (upload.error) printLine(`  error: ${upload.error}`);
  if (upload.failed > 0) {
    printLine(`  failed rows: oathdesk failures ${upload.id}`);
  }
}

export function registerUploadCommands(program: Command): void {
  program
    .command('upload <file>')
    .description('queue a CSV file of hardware tokens; prints the upload id at once')
    .option('--wait', 'show progress and a summary when it is processed')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { wait?: boolean }, command: Command) => {
      await withAdmin(
        command,
        async (admin) => {
          const queued = await admin.upload(path.resolve(file));
          if (!options.wait) {
            if (isJson(command)) printJson(queued);
            else printLine(queued.id);
            return;
          }
          if (!isJson(command)) printLine(`upload ${queued.id} queued`, process.stderr);
          const done = await waitForUpload(
            admin,
            queued.id,
            !isJson(command) && process.stderr.isTTY,
          );
          if (isJson(command)) printJson(done);
          else printUpload(done);
          return exitCodeOf(done);
        },
        { createsData: true },
      );
    });

  const uploads = program
    .command('uploads')
    .description('list uploads and their status (kept 30 days)')
    .option('--json', 'print JSON')
    .action(async (_options, command: Command) => {
      await withAdmin(command, async (admin) => {
        const list = await admin.listUploads();
        if (isJson(command)) return printJson(list);
        printTable(
          ['ID', 'FILE', 'STATUS', 'ROWS', 'IMPORTED', 'UNCHANGED', 'FAILED', 'CREATED', 'EXPIRES'],
          list.map((upload) => [
            upload.id,
            upload.fileName,
            upload.status,
            upload.rows,
            upload.imported,
            upload.unchanged,
            upload.failed,
            formatTime(upload.createdAt),
            `${Math.max(0, Math.ceil((upload.expiresAt - Date.now()) / DAY_MS))} days`,
          ]),
        );
      });
    });

  uploads
    .command('show <id>')
    .description('one upload in detail')
    .option('--json', 'print JSON')
    .action(async (id: string, _options, command: Command) => {
      await withAdmin(command, async (admin) => {
        const upload = await admin.getUpload(id);
        if (isJson(command)) printJson(upload);
        else printUpload(upload);
      });
    });

  uploads
    .command('delete <id>')
    .description('delete an upload status and its failures')
    .option('--json', 'print {id, deleted} as JSON')
    .action(async (id: string, _options, command: Command) => {
      await withAdmin(command, async (admin) => {
        await admin.deleteUpload(id);
        if (isJson(command)) printJson({ id, deleted: true });
        else printLine(`deleted upload ${id}`);
      });
    });

  program
    .command('failures <id>')
    .description('write Failures_<uploaded file name>.csv for an upload')
    .option('-o, --output <dir>', 'directory to write into', '.')
    .option('--json', 'print the failed rows as JSON instead')
    .action(async (id: string, options: { output: string }, command: Command) => {
      await withAdmin(command, async (admin, via) => {
        const upload = await admin.getUpload(id);
        // An upload that failed as a whole may still have failed rows from before it stopped.
        if (upload.status === 'failed' && upload.failed === 0) {
          const when =
            upload.rows === 0
              ? 'before any row'
              : `after ${upload.rows} row(s), none of them failed`;
          throw new AdminError(
            'UPLOAD_FAILED',
            `upload ${id} failed as a whole, ${when}: ${upload.error ?? ''}`,
            EXIT.usage,
            'fix the file and upload it again; there is no failures file',
          );
        }
        if (isJson(command)) return printJson(await admin.uploadFailures(id));
        if (upload.status === 'failed') {
          printLine(
            `note: upload ${id} then failed as a whole: ${upload.error ?? ''}`,
            process.stderr,
          );
        }
        const file = await admin.writeFailuresFile(id, path.resolve(options.output));
        printLine(file);
        if (via.isServer) noteServerWrote();
      });
    });
}
