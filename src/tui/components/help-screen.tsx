// Help generated from the key table: the current screen's keys first, then lists and global keys,
// laid out in as many columns as the terminal needs.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

import { commandsOf, SCREENS, type Scope, type ScreenId } from '../keys/key-table.js';
import { keyLabel } from '../keys/key-name.js';
import { useTui } from '../tui-context.js';

const SCOPE_TITLES: Partial<Record<Scope, string>> = {
  list: 'Lists',
  global: 'Everywhere',
  confirm: 'Confirmations',
  form: 'Inputs',
};

export function helpLines(screen: ScreenId): string[] {
  const title = SCREENS.find((entry) => entry.id === screen)?.title ?? screen;
  const sections: [string, Scope][] = [
    [title, screen],
    [SCOPE_TITLES.list ?? '', 'list'],
    [SCOPE_TITLES.global ?? '', 'global'],
    [SCOPE_TITLES.confirm ?? '', 'confirm'],
    [SCOPE_TITLES.form ?? '', 'form'],
  ];

  return sections.flatMap(([heading, scope]) => {
    const commands = commandsOf(scope);
    if (commands.length === 0) return [];

    return [
      `# ${heading}`,
      ...commands.map((command) => {
        const keys = command.keys.map(keyLabel).join('/');
        const mark = command.confirm ? ' (asks first)' : '';

        return `${keys.padEnd(10)} ${command.description}${mark}`;
      }),
    ];
  });
}

export function HelpScreen(props: { screen: ScreenId; width: number; height: number }): ReactNode {
  const { theme } = useTui();
  const lines = helpLines(props.screen);
  const height = Math.max(1, props.height - 1);
  const columnCount = Math.ceil(lines.length / height);
  const width = Math.floor(props.width / Math.max(1, columnCount));
  const chunks: string[][] = [];

  for (let start = 0; start < lines.length; start += height) {
    chunks.push(lines.slice(start, start + height));
  }

  return (
    <Box flexDirection="column" height={props.height} flexShrink={0}>
      <Text bold>Keys (Esc or ? closes)</Text>
      <Box flexDirection="row">
        {chunks.map((chunk, column) => (
          <Box key={column} flexDirection="column" width={width} flexShrink={0}>
            {chunk.map((line, row) => (
              <Text
                key={row}
                wrap="truncate-end"
                bold={line.startsWith('#')}
                color={line.startsWith('#') ? theme.color('accent') : undefined}
              >
                {line.startsWith('#') ? line.slice(2) : line}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
