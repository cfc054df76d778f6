// The note a command prints when it owns a stopped data directory in which an upload waits: the
// command does not process it (it could take minutes, and write), so the admin is told who will.
import type { UploadSummary } from '../engine/types.js';
import { printLine } from './output.js';

const WHO_PROCESSES = '`oathdesk serve` or the TUI runs, or with the next `oathdesk upload`';

export function waitingUploadNote(upload: UploadSummary): string {
  const name = `upload ${upload.id} ('${upload.fileName}')`;
  if (upload.status === 'processing') {
    const done = `${upload.rows} rows`;
    return `note: ${name} was interrupted after ${done}; it resumes when ${WHO_PROCESSES}`;
  }
  return `note: ${name} is queued; it is processed when ${WHO_PROCESSES}`;
}

export function printWaitingUploads(uploads: UploadSummary[]): void {
  for (const upload of uploads) printLine(waitingUploadNote(upload), process.stderr);
}
