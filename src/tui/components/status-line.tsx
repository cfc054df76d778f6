import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

import { printable } from '../../engine/printable.js';
import type { Status } from '../state/status.js';
import { useTui } from '../tui-context.js';

// The last status, which the app clears after a few seconds or on a change of screen; the help
// prompt when there is none.
export interface StatusLineProps {
  status: Status | null;
  width: number;
}

export function StatusLine({ status, width }: StatusLineProps): ReactNode {
  const { theme } = useTui();

  return (
    <Box flexShrink={0} height={1}>
      <Text color={theme.color(status?.tone ?? 'muted')} wrap="truncate-end">
        {printable(status?.text ?? 'Press ? for help').slice(0, width)}
      </Text>
    </Box>
  );
}
