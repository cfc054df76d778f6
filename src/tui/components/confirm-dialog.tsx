// Asks before a dangerous action; `y` runs it, `n` or Esc does not.
import { Box, Text } from 'ink';
import { useState, type ReactNode } from 'react';

import { printable } from '../../engine/printable.js';
import { useCommands } from '../hooks/use-commands.js';
import type { ConfirmDialog as ConfirmValue } from '../state/dialog.js';
import { errorStatus, type Status } from '../state/status.js';
import { useTui } from '../tui-context.js';
import { HintBar } from './hint-bar.js';

export interface ConfirmDialogProps {
  dialog: ConfirmValue;
  width: number;
  onClose: (status: Status | null) => void;
}

export function ConfirmDialog({ dialog, width, onClose }: ConfirmDialogProps): ReactNode {
  const { theme } = useTui();
  const [isBusy, setBusy] = useState(false);

  const confirm = () => {
    if (isBusy) return;

    setBusy(true);
    dialog.run().then(onClose, (error: unknown) => onClose(errorStatus(error)));
  };

  useCommands(['confirm'], { yes: confirm, no: () => onClose(null) }, { isActive: !isBusy });

  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor={theme.color(dialog.isDangerous ? 'warn' : 'focus')}
      paddingX={1}
      width={Math.min(width, 72)}
      flexShrink={0}
    >
      <Text bold>{printable(dialog.title)}</Text>
      <Text>{printable(dialog.message)}</Text>
      {isBusy ? (
        <Text color={theme.color('muted')}>working…</Text>
      ) : (
        <HintBar scopes={['confirm']} width={Math.min(width, 72) - 4} />
      )}
    </Box>
  );
}
