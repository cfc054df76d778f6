// Where the admin is: data directory, listen address, clients and sign-ins per second, polled.
// When the RADIUS address could not be bound, why comes first, in the error colour, so the admin
// sees it before anything else is cut at the edge.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

import type { ServerInfo } from '../../engine/types.js';
import { usePolling } from '../hooks/use-polling.js';
import { useTui } from '../tui-context.js';

export function Header({ width }: { width: number }): ReactNode {
  const { admin, theme, isAttached } = useTui();
  const info = usePolling(() => admin.info(), 1000);
  const mode = isAttached ? ' attached ' : '';
  const room = Math.max(0, width - 9 - mode.length);
  const [problem, rest] = headerParts(info.value);
  const shownProblem = problem.slice(0, room);

  return (
    <Box flexShrink={0} height={1}>
      <Text bold color={theme.color('accent')}>
        oathdesk{' '}
      </Text>
      {mode && <Text inverse>{mode}</Text>}
      {shownProblem && (
        <Text color={theme.color('error')} wrap="truncate-end">
          {shownProblem}
        </Text>
      )}
      <Text color={theme.color(info.error ? 'error' : 'muted')} wrap="truncate-end">
        {rest.slice(0, room - shownProblem.length)}
      </Text>
    </Box>
  );
}

/** The listen problem (empty when there is none) and the rest of the header line. */
export function headerParts(value: ServerInfo | null): [string, string] {
  if (!value) return ['', ' connecting…'];

  const listen = value.listenError === null ? [`listen ${value.listen ?? 'none'}`] : [];
  const rest = [
    `data ${value.dataDir}`,
    ...listen,
    `clients ${value.clientCount}`,
    `sign-ins/s ${value.signInsPerSecond.toFixed(1)}`,
  ].join('  ');
  const problem = value.listenError === null ? '' : ` RADIUS: ${value.listenError} `;

  return [problem, ' ' + rest];
}
