// A user's OATH methods, each marked hardware or software, with status and last use.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

import { printable } from '../../../engine/printable.js';
import { ago, columns } from '../../format.js';
import { usePolling } from '../../hooks/use-polling.js';
import { useTui } from '../../tui-context.js';

const WIDTHS = [10, 14, 18, 9, 0];

export function SecurityInfo(props: { upn: string; reloadKey: number; width: number }): ReactNode {
  const { admin, theme, now } = useTui();
  const methods = usePolling(() => admin.listMethods(props.upn), null, true, props.reloadKey);
  const at = now();

  return (
    <Box flexDirection="column" flexShrink={0}>
      <Text bold>{printable(`Security info of ${props.upn}`)}</Text>
      <Text bold>
        {columns(['Kind', 'Serial', 'Status', 'Enabled', 'Last use'], WIDTHS, props.width)}
      </Text>
      {methods.error !== null && (
        <Text color={theme.color('error')}>{printable(String(methods.error))}</Text>
      )}
      {methods.value?.length === 0 && <Text color={theme.color('muted')}>no OATH methods</Text>}
      {methods.value?.map((method) => (
        <Text key={method.serial} wrap="truncate-end">
          {columns(
            [
              method.kind === 'hardware' ? '[HW] key' : '[SW] app',
              method.serial,
              method.status,
              method.isEnabled ? 'yes' : 'no',
              ago(method.lastUsedAt, at),
            ],
            WIDTHS,
            props.width,
          )}
        </Text>
      ))}
    </Box>
  );
}
