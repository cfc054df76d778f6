// Everything about one token: status, user, drift, last use and its recent failures.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

import { ago, signed, stamp } from '../../format.js';
import { usePolling } from '../../hooks/use-polling.js';
import { useTui } from '../../tui-context.js';

export interface TokenDetailProps {
  serial: string;
  generation: number;
  height: number;
}

export function TokenDetail({ serial, generation, height }: TokenDetailProps): ReactNode {
  const { admin, theme, now } = useTui();
  const detail = usePolling(() => admin.getToken(serial), null, true, `${serial}/${generation}`);
  const token = detail.value?.serial === serial ? detail.value : null;

  if (detail.error) return <Text color={theme.color('error')}>{String(detail.error)}</Text>;
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
  const failures = token.recentFailures.slice(0, Math.max(0, height - lines.length - 2));

  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      {lines.map(([label, value]) => (
        <Text key={label} wrap="truncate-end">
          <Text color={theme.color('muted')}>{label.padEnd(11)}</Text>
          {value}
        </Text>
      ))}
      <Text bold>Recent failures</Text>
      {failures.length === 0 && <Text color={theme.color('muted')}>none</Text>}
      {failures.map((entry) => (
        <Text key={entry.id} wrap="truncate-end" color={theme.color('warn')}>
          {`${stamp(entry.at)} ${entry.action} ${entry.reason}`}
        </Text>
      ))}
    </Box>
  );
}
