// One audit entry in full: every field on its own line and the whole reason, wrapped.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

import { printable } from '../../../engine/printable.js';
import type { AuditEntry } from '../../../engine/types.js';
import { stamp } from '../../format.js';
import { useTui } from '../../tui-context.js';

export interface AuditDetailProps {
  entry: AuditEntry;
  width: number;
  height: number;
}

export function AuditDetail({ entry, width, height }: AuditDetailProps): ReactNode {
  const { theme } = useTui();
  const lines: [string, string][] = [
    ['When (UTC)', stamp(entry.at)],
    ['Actor', entry.actor],
    ['Action', entry.action],
    ['User', entry.upn ?? '-'],
    ['Serial', entry.serial ?? '-'],
    ['Outcome', entry.outcome],
  ];

  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0} overflow="hidden">
      {lines.map(([label, value]) => (
        <Text key={label} wrap="truncate-end">
          <Text color={theme.color('muted')}>{label.padEnd(12)}</Text>
          {printable(value)}
        </Text>
      ))}
      <Text color={theme.color('muted')}>Reason</Text>
      <Box width={Math.max(10, width - 1)} flexShrink={0}>
        <Text wrap="wrap">{printable(entry.reason || '-')}</Text>
      </Box>
    </Box>
  );
}
