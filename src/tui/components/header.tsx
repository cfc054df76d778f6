// Where the admin is: data directory, listen address, clients and sign-ins per second, polled.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

import { usePolling } from '../hooks/use-polling.js';
import { useTui } from '../tui-context.js';

export function Header({ width }: { width: number }): ReactNode {
  const { admin, theme, isAttached } = useTui();
  const info = usePolling(() => admin.info(), 1000);
  const value = info.value;

  const text = value
    ? [
        `data ${value.dataDir}`,
        `listen ${value.listen ?? 'none'}`,
        `clients ${value.clientCount}`,
        `sign-ins/s ${value.signInsPerSecond.toFixed(1)}`,
      ].join('  ')
    : 'connecting…';
  const mode = isAttached ? ' attached ' : '';

  return (
    <Box flexShrink={0} height={1}>
      <Text bold color={theme.color('accent')}>
        oathdesk{' '}
      </Text>
      {mode && <Text inverse>{mode}</Text>}
      <Text color={theme.color(info.error ? 'error' : 'muted')} wrap="truncate-end">
        {(' ' + text).slice(0, Math.max(0, width - 9 - mode.length))}
      </Text>
    </Box>
  );
}
