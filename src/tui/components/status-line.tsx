import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

import type { Status } from '../state/status.js';
import { useTui } from '../tui-context.js';

export function StatusLine({ status, width }: { status: Status | null; width: number }): ReactNode {
  const { theme } = useTui();

  return (
    <Box flexShrink={0} height={1}>
      <Text color={theme.color(status?.tone ?? 'muted')} wrap="truncate-end">
        {(status?.text ?? 'Press ? for help').slice(0, width)}
      </Text>
    </Box>
  );
}
