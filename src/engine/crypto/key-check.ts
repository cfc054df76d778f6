// A data directory remembers which key sealed its secrets (by fingerprint), so that opening it
// with another key is refused at once, before anything is sealed with the wrong one.
import path from 'node:path';
import { AdminError, EXIT } from '../errors.js';
import type { Store } from '../store/store.js';
import { KEY_FILE, type SecretBox } from './secret-box.js';

export const KEY_CHECK = 'key.fingerprint';

export async function checkKey(store: Store, box: SecretBox): Promise<void> {
  const fingerprint = box.fingerprint();
  const row = store.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [KEY_CHECK]);

  if (!row) {
    // The key file first: a crash before the fingerprint is written leaves a key that still fits.
    box.saveNewKey();
    await store.write((tx) =>
      tx.run('INSERT INTO settings (key, value) VALUES (?, ?)', [KEY_CHECK, fingerprint]),
    );
    return;
  }
  if (row.value !== fingerprint && box.isUnsaved()) {
    throw new AdminError(
      'KEY_MISMATCH',
      `${path.join(store.dir, KEY_FILE)} is missing, and ${store.dir} was sealed with a key`,
      EXIT.unavailable,
      'copy back the secret.key it was created with (or set OATHDESK_KEY); nothing was changed',
    );
  }
  if (row.value !== fingerprint) {
    throw new AdminError(
      'KEY_MISMATCH',
      `the data directory ${store.dir} was created with another key`,
      EXIT.unavailable,
      'use the secret.key file (or OATHDESK_KEY) it was created with; ' + 'nothing was changed',
    );
  }
}
