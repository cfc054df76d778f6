// Enrolment of a software token: the QR code and secret are shown once, in this dialog only,
// then the first code from the app confirms it.
import QRCode from 'qrcode';

import type { AdminApi } from '../../../engine/admin-api.js';
import type { FormDialog, FormOutcome } from '../../state/dialog.js';
import { decisionNote } from '../tokens/token-dialogs.js';

export async function enrollDialog(
  admin: AdminApi,
  upn: string,
  onChange: () => void,
): Promise<FormDialog> {
  const enrollment = await admin.enroll(upn);
  // The QR keeps its own black-on-white colours even under NO_COLOR: without them a dark
  // terminal shows it inverted, which many phone cameras cannot read.
  const qr = await QRCode.toString(enrollment.uri, { type: 'terminal', small: true });
  onChange();

  return {
    kind: 'form',
    title: `Software token ${enrollment.serial} for ${upn}: scan it now, it is shown once`,
    qr: qr.trimEnd(),
    body: [`Secret: ${enrollment.secretBase32}`, `URI: ${enrollment.uri}`],
    fields: [{ label: 'First code from the app', initial: '' }],
    submit: async ([code = '']): Promise<FormOutcome> => {
      const decision = await admin.confirmEnrollment(upn, code.trim());
      onChange();
      if (!decision.isAccepted) return { kind: 'stay', note: decisionNote(decision) };

      const text = `Software token ${enrollment.serial} of ${upn} confirmed`;
      return { kind: 'done', status: { tone: 'ok', text } };
    },
  };
}
