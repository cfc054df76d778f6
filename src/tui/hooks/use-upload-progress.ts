// Follows one upload while the engine processes it, then reports how it ended. It runs on its
// own timer, so the rest of the TUI stays usable meanwhile.
import { useEffect, useRef } from 'react';

import type { AdminApi } from '../../engine/admin-api.js';
import type { UploadProgress } from '../../engine/types.js';
import { errorStatus, type Status } from '../state/status.js';

const POLL_MS = 200;

export function useUploadProgress(
  admin: AdminApi,
  id: string | null,
  onProgress: (progress: UploadProgress | null) => void,
  onEnd: (status: Status) => void,
): void {
  const callbacks = useRef({ onProgress, onEnd });
  callbacks.current = { onProgress, onEnd };

  useEffect(() => {
    const { onProgress, onEnd } = callbacks.current;
    if (id === null) return;

    let isLive = true;
    let timer: NodeJS.Timeout | undefined;
    const poll = async () => {
      try {
        const progress = await admin.uploadProgress(id);
        if (!isLive) return;

        const isDone = !['queued', 'processing'].includes(progress.status);
        onProgress(isDone ? null : progress);
        if (isDone) {
          onEnd(endStatus(progress));
          return;
        }
      } catch (error) {
        if (isLive) onEnd(errorStatus(error));
        return;
      }
      if (isLive) timer = setTimeout(() => void poll(), POLL_MS);
    };

    void poll();

    return () => {
      isLive = false;
      clearTimeout(timer);
    };
  }, [admin, id]);
}

function endStatus(progress: UploadProgress): Status {
  const counts = `${progress.imported} imported, ${progress.unchanged} unchanged`;
  if (progress.status === 'failed') return { tone: 'error', text: 'Upload failed; see Enter' };
  if (progress.failed > 0) {
    return { tone: 'warn', text: `Upload done: ${counts}, ${progress.failed} failed (Enter)` };
  }

  return { tone: 'ok', text: `Upload done: ${counts}` };
}
