// Uploads: every upload with its counts, the progress of the one processing, and its failures.
import { Box, Text } from 'ink';
import { memo, useEffect, useReducer, useRef, useState, type ReactNode } from 'react';

import { printable } from '../../../engine/printable.js';
import { HintBar } from '../../components/hint-bar.js';
import { ProgressBar } from '../../components/progress-bar.js';
import { Position, WindowedList, listHeight } from '../../components/windowed-list.js';
import { useCommands, type Handlers } from '../../hooks/use-commands.js';
import { usePolling } from '../../hooks/use-polling.js';
import { useUploadProgress } from '../../hooks/use-upload-progress.js';
import { errorStatus } from '../../state/status.js';
import { initialUploads, selectedUpload, uploadsReducer } from '../../state/uploads-reducer.js';
import { useTui } from '../../tui-context.js';
import type { ScreenProps } from '../screen-props.js';
import { failureHeader, failureRow, uploadHeader, uploadRow } from './upload-rows.js';
import { uploadDialog, writeFailuresDialog } from './upload-dialogs.js';
import { confirmDialog } from '../tokens/token-dialogs.js';

const BUSY_POLL_MS = 1000;

export const UploadsScreen = memo(function UploadsScreen(props: ScreenProps): ReactNode {
  const { width, height, isActive } = props;
  const { admin, notify, openDialog, now, theme } = useTui();
  const [state, dispatch] = useReducer(uploadsReducer, initialUploads);
  const [uploadId, setUploadId] = useState<string | null>(null);
  // Poll while an upload is queued or processing (one may come from the CLI or the samples
  // offer), and load afresh whenever the screen is shown.
  const [isBusy, setIsBusy] = useState(false);
  const polled = usePolling(
    () => admin.listUploads(),
    isBusy ? BUSY_POLL_MS : null,
    true,
    isActive,
  );
  const progress = state.progress;
  const done = progress ? progress.imported + progress.unchanged + progress.failed : 0;
  const bodyHeight = height - 1 - (progress ? 1 : 0) - (state.view.kind === 'failures' ? 1 : 0);

  // An upload started elsewhere (the samples offer, the CLI) is followed like one started here,
  // once, so its progress shows and its end is reported.
  const followed = useRef(new Set<string>());
  useEffect(() => {
    if (!polled.value) return;
    dispatch({ type: 'loaded', uploads: polled.value });
    const busy = polled.value.filter((entry) => ['queued', 'processing'].includes(entry.status));
    setIsBusy(busy.length > 0);
    const next = busy.find((entry) => !followed.current.has(entry.id));
    if (uploadId === null && next) setUploadId(next.id);
  }, [polled.value]);
  useEffect(() => {
    if (uploadId !== null) followed.current.add(uploadId);
  }, [uploadId]);
  useEffect(() => {
    if (polled.error) notify(errorStatus(polled.error));
  }, [polled.error, notify]);
  useEffect(() => {
    dispatch({ type: 'list', action: { type: 'setHeight', height: listHeight(bodyHeight) } });
  }, [bodyHeight]);

  useUploadProgress(
    admin,
    uploadId,
    (next) => dispatch({ type: 'progress', progress: next }),
    (status) => {
      notify(status);
      setUploadId(null);
      polled.reload();
    },
  );

  const upload = selectedUpload(state);
  const view = state.view;
  const list = (action: Parameters<typeof uploadsReducer>[1]) => dispatch(action);
  const handlers: Handlers<'uploads' | 'list'> = {
    up: () => list({ type: 'list', action: { type: 'move', delta: -1 } }),
    down: () => list({ type: 'list', action: { type: 'move', delta: 1 } }),
    pageUp: () => list({ type: 'list', action: { type: 'page', direction: -1 } }),
    pageDown: () => list({ type: 'list', action: { type: 'page', direction: 1 } }),
    first: () => list({ type: 'list', action: { type: 'first' } }),
    last: () => list({ type: 'list', action: { type: 'last' } }),
    back: () => dispatch({ type: 'closeFailures' }),
    upload: () =>
      openDialog(
        uploadDialog(admin, process.cwd(), (queued) => {
          setUploadId(queued.id);
          polled.reload();
        }),
      ),
    refresh: () => polled.reload(),
    failures: () => {
      if (!upload) return;
      dispatch({ type: 'openFailures', upload });
      admin.uploadFailures(upload.id).then(
        (failures) => dispatch({ type: 'failuresLoaded', id: upload.id, failures }),
        (error: unknown) => notify(errorStatus(error)),
      );
    },
    writeFailures: () => {
      const target = view.kind === 'failures' ? view.upload : upload;
      if (target) openDialog(writeFailuresDialog(admin, target, process.cwd()));
    },
    deleteUpload: () => {
      if (!upload) return;
      const message = `Delete the status of ${upload.fileName}? The tokens stay.`;
      openDialog(
        confirmDialog('deleteUpload', 'Delete upload', message, async () => {
          await admin.deleteUpload(upload.id);
          polled.reload();
          return `Deleted the status of ${upload.fileName}`;
        }),
      );
    },
  };

  const disabledReason = (id: string): string | null => {
    const target = view.kind === 'failures' ? view.upload : upload;
    if (['failures', 'deleteUpload'].includes(id) && view.kind === 'failures') {
      return 'go back to the list first (Esc)';
    }
    if (['failures', 'writeFailures', 'deleteUpload'].includes(id) && !target) {
      return 'no upload selected';
    }
    if (['failures', 'writeFailures'].includes(id) && target && target.failed === 0) {
      return target.status === 'failed' ? (target.error ?? 'the file failed') : 'no row failed';
    }
    return null;
  };
  useCommands(['uploads', 'list'], handlers, {
    isActive,
    disabledReason,
    onDisabled: (text) => notify({ tone: 'warn', text }),
  });

  const at = now();
  const failures = view.kind === 'failures' ? view.failures : null;
  const failure = failures?.[state.failureList.cursor];

  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      {progress && (
        <Box flexShrink={0} height={1}>
          <Text>{`Processing ${done} rows `}</Text>
          <ProgressBar done={progress.bytesRead} total={progress.bytesTotal} width={30} />
        </Box>
      )}
      <Box flexDirection="column" height={bodyHeight} flexShrink={0}>
        {view.kind === 'list' ? (
          <WindowedList
            list={state.list}
            rowText={(index) => {
              const row = state.uploads[index];
              return row ? uploadRow(row, width - 1, at) : null;
            }}
            header={uploadHeader(width - 1)}
            empty={polled.value ? 'no uploads yet; press u to upload a file' : 'loading…'}
            width={width}
          />
        ) : (
          <WindowedList
            list={state.failureList}
            rowText={(index) => {
              const row = failures?.[index];
              return row ? failureRow(row, width - 1) : null;
            }}
            header={failureHeader(width - 1)}
            empty={failures ? 'no failed rows' : 'loading…'}
            width={width}
          />
        )}
        <Position list={view.kind === 'list' ? state.list : state.failureList} />
      </Box>
      {view.kind === 'failures' && (
        <Text color={theme.color('warn')} wrap="truncate-end">
          {printable(
            failure ? `${failure.code}: ${failure.hint}` : `Failures of ${view.upload.fileName}`,
          )}
        </Text>
      )}
      <HintBar scopes={['uploads', 'list']} width={width} disabledReason={disabledReason} />
    </Box>
  );
});
