// On an empty data directory, offers to load the samples so that a newcomer sees data at once.
import { useEffect } from 'react';

import type { AdminApi } from '../../engine/admin-api.js';
import type { Dialog } from '../state/dialog.js';

export function useSampleOffer(
  admin: AdminApi,
  openDialog: (dialog: Dialog) => void,
  onLoaded: () => void,
): void {
  useEffect(() => {
    let isLive = true;

    Promise.all([admin.listUsers(), admin.listTokens({ limit: 1 })]).then(
      ([users, tokens]) => {
        if (!isLive || users.length > 0 || tokens.total > 0) return;

        openDialog({
          kind: 'confirm',
          title: 'This data directory is empty',
          message: 'Load the sample users and tokens from samples/ to look around?',
          isDangerous: false,
          run: async () => {
            const { users: imported, upload } = await admin.loadSamples();
            onLoaded();
            const text = `Loaded ${imported.added} users; tokens upload ${upload.fileName} queued`;

            return { tone: 'ok', text };
          },
        });
      },
      // Without an answer there is nothing to offer; the screens report the error themselves.
      () => undefined,
    );

    return () => {
      isLive = false;
    };
    // Asked once, when the app opens.
  }, []);
}
