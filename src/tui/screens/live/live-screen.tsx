// Live: sign-in rates as sparklines, activations against the limit, each RADIUS client, and the
// newest decisions with their reasons.
import { Box, Text } from 'ink';
import { memo, useState, type ReactNode } from 'react';

import { HintBar } from '../../components/hint-bar.js';
import { ProgressBar } from '../../components/progress-bar.js';
import { Sparkline } from '../../components/sparkline.js';
import { ago, clock, columns } from '../../format.js';
import { useCommands, type Handlers } from '../../hooks/use-commands.js';
import { usePolling } from '../../hooks/use-polling.js';
import { useTui } from '../../tui-context.js';
import type { ScreenProps } from '../screen-props.js';

const CLIENT_WIDTHS = [0, 8, 8, 8, 6, 9, 9];

function maLabel(sends: boolean | null): string {
  if (sends === null) return '-';

  return sends ? 'sends MA' : 'no MA';
}

export const LiveScreen = memo(function LiveScreen(props: ScreenProps): ReactNode {
  const { width, height, isActive } = props;
  const { admin, theme, notify, now } = useTui();
  const [isPaused, setPaused] = useState(false);
  const live = usePolling(() => admin.liveStats(), 1000, isActive && !isPaused);
  const handlers: Handlers<'live'> = {
    pause: () => {
      setPaused(!isPaused);
      notify({ tone: 'muted', text: isPaused ? 'Live view resumed' : 'Live view paused (p)' });
    },
  };
  useCommands(['live'], handlers, { isActive });

  const stats = live.value;
  if (!stats) {
    return (
      <Box flexDirection="column" height={height} flexShrink={0}>
        <Box height={height - 1}>
          <Text color={theme.color(live.error ? 'error' : 'muted')}>
            {live.error ? String(live.error) : 'waiting for figures…'}
          </Text>
        </Box>
        <HintBar scopes={['live']} width={width} />
      </Box>
    );
  }

  const at = now();
  const usage = stats.activations;
  const windowMinutes = usage.windowSeconds / 60;
  const clients = stats.clients.slice(0, Math.max(1, Math.floor((height - 9) / 2)));
  const recentRoom = Math.max(0, height - 9 - clients.length);
  const samples = stats.samples;

  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      <Sparkline label="accepted" values={samples.map((s) => s.accepts)} role="ok" width={width} />
      <Sparkline
        label="rejected"
        values={samples.map((s) => s.rejects)}
        role="warn"
        width={width}
      />
      <Sparkline label="dropped" values={samples.map((s) => s.drops)} role="error" width={width} />
      <Box flexShrink={0} height={1}>
        <Text>{`Activations ${usage.used}/${usage.limit} in ${windowMinutes} min `}</Text>
        <ProgressBar done={usage.used} total={usage.limit} width={20} />
        <Text
          color={theme.color('muted')}
        >{`  unknown-source drops ${stats.unknownSourceDrops}`}</Text>
      </Box>
      <Text bold wrap="truncate-end">
        {columns(
          ['Client', 'Requests', 'Accepts', 'Rejects', 'Drops', 'Last seen', 'Msg-Auth'],
          CLIENT_WIDTHS,
          width - 1,
        )}
      </Text>
      {clients.length === 0 && <Text color={theme.color('muted')}>no RADIUS clients</Text>}
      {clients.map((client) => (
        <Text key={client.name} wrap="truncate-end">
          {columns(
            [
              client.name,
              String(client.requests),
              String(client.accepts),
              String(client.rejects),
              String(client.drops),
              ago(client.lastSeenAt, at),
              maLabel(client.sendsMessageAuthenticator),
            ],
            CLIENT_WIDTHS,
            width - 1,
          )}
        </Text>
      ))}
      <Text bold>Recent decisions{isPaused ? ' (paused)' : ''}</Text>
      <Box flexDirection="column" height={recentRoom} flexShrink={0}>
        {stats.recent.slice(0, recentRoom).map((entry) => (
          <Text
            key={entry.id}
            wrap="truncate-end"
            color={theme.color(entry.outcome === 'accept' ? 'ok' : 'warn')}
          >
            {[
              clock(entry.at),
              entry.outcome.padEnd(6),
              entry.upn ?? '-',
              entry.actor,
              entry.reason,
            ].join(' ')}
          </Text>
        ))}
      </Box>
      <HintBar scopes={['live']} width={width} />
    </Box>
  );
});
