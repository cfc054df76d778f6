// Everything about one token: status, user, drift, last use and its recent failures.
import { Table } from '@alcalzone/ink-table';
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

import { printable } from '../../../engine/printable.js';
import { ago, signed, stamp } from '../../format.js';
import { usePolling } from '../../hooks/use-polling.js';
import { useTui } from '../../tui-context.js';

export interface TokenDetailProps {
  serial: string;
  generation: number;
  height: number;
  width: number;
}

/** Table borders: top, header, its separator, bottom; each row also takes a separator line. */
const TABLE_FRAME_LINES = 3;
/** Room for borders, padding, the time and the actor columns beside a failure's reason. */
const REASON_SPARE_COLUMNS = 48;

export function TokenDetail({ serial, generation, height, width }: TokenDetailProps): ReactNode {
  const { admin, theme, now } = useTui();
  const detail = usePolling(() => admin.getToken(serial), null, true, `${serial}/${generation}`);
  const token = detail.value?.serial === serial ? detail.value : null;

  if (detail.error) {
    return <Text color={theme.color('error')}>{printable(String(detail.error))}</Text>;
  }
  if (!token) return <Text color={theme.color('muted')}>loading {serial}…</Text>;

  const at = now();
  const lines: [string, string][] = [
    ['Serial', `${token.serial} (${token.kind})`],
    ['Status', `${token.status}${token.isEnabled ? '' : ', disabled'}`],
    ['User', token.upn ?? '-'],
    ['Model', `${token.manufacturer} ${token.model}`],
    ['Code', `${token.digits} digits, ${token.intervalSeconds}s, ${token.algorithm}`],
    ['Drift', `${signed(token.driftSeconds)}s (${signed(token.driftSteps)} steps)`],
    ['Last use', ago(token.lastUsedAt, at)],
    ['Activated', token.activatedAt === null ? 'no' : stamp(token.activatedAt)],
  ];
  const room = Math.floor((height - lines.length - 1 - TABLE_FRAME_LINES) / 2);
  const reasonWidth = Math.max(10, width - REASON_SPARE_COLUMNS);
  // A small read-only table: ink-table draws it; long lists use our windowed list instead.
  const failures = token.recentFailures.slice(0, Math.max(0, room)).map((entry) => ({
    time: stamp(entry.at),
    by: printable(entry.actor),
    reason: truncate(printable(entry.reason), reasonWidth),
  }));

  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      {lines.map(([label, value]) => (
        <Text key={label} wrap="truncate-end">
          <Text color={theme.color('muted')}>{label.padEnd(11)}</Text>
          {printable(value)}
        </Text>
      ))}
      <Text bold>Recent failures</Text>
      {failures.length === 0 && <Text color={theme.color('muted')}>none</Text>}
      {failures.length > 0 && <Table data={failures} />}
    </Box>
  );
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
