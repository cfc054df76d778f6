import type { AdminApi } from '../../../engine/admin-api.js';
import type { MessageAuthenticatorMode } from '../../../engine/types.js';
import type { FormDialog, FormOutcome } from '../../state/dialog.js';

const MODES: readonly MessageAuthenticatorMode[] = ['require', 'off'];

export function addClientDialog(admin: AdminApi, onChange: () => void): FormDialog {
  return {
    kind: 'form',
    title: 'Add a RADIUS client (NAS)',
    body: ['Message-Authenticator: require it unless the NAS cannot send one (BlastRADIUS).'],
    fields: [
      { label: 'Name', initial: '' },
      { label: 'Address or CIDR', initial: '' },
      { label: 'Shared secret', initial: '', kind: 'secret' },
      { label: 'Message-Authenticator', initial: 'require', choices: MODES },
    ],
    submit: async ([name = '', address = '', secret = '', mode = 'require']) => {
      const client = await admin.addClient({
        name: name.trim(),
        address: address.trim(),
        secret,
        messageAuthenticator: mode === 'off' ? 'off' : 'require',
      });
      onChange();
      const text = `Added ${client.name} (${client.address}, MA ${client.messageAuthenticator})`;

      return { kind: 'done', status: { tone: 'ok', text } } satisfies FormOutcome;
    },
  };
}
