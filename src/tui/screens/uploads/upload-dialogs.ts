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
    fields: [{ label: 'Path', initial: cwd.endsWith('/') ? cwd : `${cwd}/` }],
    submit: async ([path = '']): Promise<FormOutcome> => {
      const upload = await admin.upload(path.trim());
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
    fields: [{ label: 'Directory', initial: cwd }],
    submit: async ([dir = '']): Promise<FormOutcome> => {
      const path = await admin.writeFailuresFile(upload.id, dir.trim() || cwd);

      return { kind: 'done', status: { tone: 'ok', text: `Wrote ${path}` } };
    },
  };
}
