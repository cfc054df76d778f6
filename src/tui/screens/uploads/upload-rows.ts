// Uploads and their failures as fixed-width lines.
import type { UploadFailure, UploadSummary } from '../../../engine/types.js';
import { ago, columns, daysLeft } from '../../format.js';

const UPLOAD_WIDTHS = [0, 19, 6, 6, 6, 6, 8, 7];
const FAILURE_WIDTHS = [5, 22, 10, 0];

export function uploadHeader(width: number): string {
  const cells = ['File', 'Status', 'Rows', 'New', 'Same', 'Failed', 'Age', 'Expires'];

  return columns(cells, UPLOAD_WIDTHS, width);
}

export function uploadRow(upload: UploadSummary, width: number, now: number): string {
  const cells = [
    upload.fileName,
    upload.status,
    String(upload.rows),
    String(upload.imported),
    String(upload.unchanged),
    String(upload.failed),
    ago(upload.createdAt, now).replace(' ago', ''),
    daysLeft(upload.expiresAt, now),
  ];

  return columns(cells, UPLOAD_WIDTHS, width);
}

export function failureHeader(width: number): string {
  return columns(['Line', 'UPN', 'Serial', 'Reason'], FAILURE_WIDTHS, width);
}

export function failureRow(failure: UploadFailure, width: number): string {
  const cells = [String(failure.line), failure.upn, failure.serial, failure.reason];

  return columns(cells, FAILURE_WIDTHS, width);
}
