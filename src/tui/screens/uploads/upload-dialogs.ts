import os from 'node:os';

import type { AdminApi } from '../../../engine/admin-api.js';
import type { UploadSummary } from '../../../engine/types.js';
import type { FormDialog, FormOutcome } from '../../state/dialog.js';

export function uploadDialog(
  admin: AdminApi,
  cwd: string,
  onQueued: (upload: UploadSummary) => void,
): FormDialog {
  return {
    kind: 'form',
    title: 'Upload a CSV file of hardware tokens',
    body: ['Columns: upn, serial number, secret key, time interval, manufacturer, model'],
    fields: [{ label: 'Path', initial: cwd.endsWith('/') ? cwd : `${cwd}/`, kind: 'path' }],
    submit: async ([path = '']): Promise<FormOutcome> => {
      const upload = await admin.upload(expandHome(path.trim()));
      onQueued(upload);
      const text = `Uploading ${upload.fileName}; the progress shows on Uploads`;

      return { kind: 'done', status: { tone: 'muted', text } };
    },
  };
}

export function writeFailuresDialog(
  admin: AdminApi,
  upload: UploadSummary,
  cwd: string,
): FormDialog {
  return {
    kind: 'form',
    title: `Write the failures of ${upload.fileName} as a CSV file`,
    fields: [{ label: 'Directory', initial: cwd, kind: 'path' }],
    submit: async ([dir = '']): Promise<FormOutcome> => {
      const path = await admin.writeFailuresFile(upload.id, expandHome(dir.trim()) || cwd);

      return { kind: 'done', status: { tone: 'ok', text: `Wrote ${path}` } };
    },
  };
}

/** `~` and `~/…` as a shell reads them: the home of the admin running this TUI. */
export function expandHome(path: string, home = os.homedir()): string {
  if (path === '~') return home;

  return path.startsWith('~/') ? home.replace(/\/$/, '') + path.slice(1) : path;
}
