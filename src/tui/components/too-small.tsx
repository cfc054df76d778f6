// Shown instead of the screens when the terminal is smaller than the layout: cut to fit, the
// screens drew only their key line and looked broken. The app redraws as soon as it grows.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

import { SCREENS } from '../keys/key-table.js';
import { useTui } from '../tui-context.js';
import type { Size } from '../hooks/use-terminal-size.js';

/** The tab line is the widest fixed row: each tab is ` N Title `. */
export const MIN_COLUMNS = SCREENS.reduce((sum, screen) => sum + screen.title.length + 4, 0);

/** Header, tabs and status line, plus the seven rows a dialog (border, text, keys) takes. */
export const MIN_ROWS = 10;

export function isTooSmall(size: Size): boolean {
  return size.columns < MIN_COLUMNS || size.rows < MIN_ROWS;
}

export function TooSmall({ size }: { size: Size }): ReactNode {
  const { theme } = useTui();

  return (
    <Box flexDirection="column" width={size.columns} height={size.rows}>
      <Text color={theme.color('warn')}>
        {`oathdesk needs at least ${MIN_COLUMNS}x${MIN_ROWS}; ` +
          `this terminal is ${size.columns}x${size.rows}`}
      </Text>
      <Text color={theme.color('muted')}>Enlarge the window, or press Ctrl+C to quit.</Text>
    </Box>
  );
}
