// A one-line chart of a series, scaled to its own maximum.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

import type { Role } from '../theme.js';
import { useTui } from '../tui-context.js';

const BARS = ' ▁▂▃▄▅▆▇█';

export function sparkline(values: readonly number[], width: number): string {
  const shown = values.slice(-width);
  const max = Math.max(1, ...shown);
  const line = shown
    .map((value) => BARS[Math.round((value / max) * (BARS.length - 1))] ?? ' ')
    .join('');

  return line.padStart(width);
}

export interface SparklineProps {
  label: string;
  values: readonly number[];
  role: Role;
  width: number;
}

export function Sparkline({ label, values, role, width }: SparklineProps): ReactNode {
  const { theme } = useTui();
  const now = values.at(-1) ?? 0;
  const max = Math.max(0, ...values);
  const legend = ` now ${now}/s max ${max}/s`;

  return (
    <Box flexShrink={0} height={1}>
      <Text>{label.padEnd(9)}</Text>
      <Text color={theme.color(role)}>{sparkline(values, Math.max(1, width - 9 - 22))}</Text>
      <Text color={theme.color('muted')}>{legend}</Text>
    </Box>
  );
}
