// The keys of the current screen, from the key table; disabled ones are dimmed. Keys that do not
// fit go to the next row, up to `rows` rows; the rest are left to the help screen.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

import { commandsOf, type CommandSpec, type Scope } from '../keys/key-table.js';
import { keyLabel } from '../keys/key-name.js';
import { useTui } from '../tui-context.js';

export interface HintBarProps {
  scopes: readonly Scope[];
  width: number;
  disabledReason?: (id: string) => string | null;
  rows?: number;
}

export function HintBar({ scopes, width, disabledReason, rows = 1 }: HintBarProps): ReactNode {
  const { theme } = useTui();
  const lines = packHints(scopes.flatMap(commandsOf), width, rows);

  return (
    <Box flexDirection="column" flexShrink={0} height={lines.length}>
      {lines.map((line, row) => (
        <Box key={row} flexShrink={0} height={1}>
          {line.map(({ command, text }) => {
            const isDisabled = disabledReason?.(command.id) != null;

            return (
              <Text
                key={command.id}
                color={theme.color(isDisabled ? 'muted' : 'focus')}
                dimColor={isDisabled}
              >
                {text}
              </Text>
            );
          })}
        </Box>
      ))}
    </Box>
  );
}

interface Hint {
  command: CommandSpec;
  text: string;
}

/** Hints in table order, filling each row before the next; stops at the first that fits none. */
export function packHints(commands: readonly CommandSpec[], width: number, max: number): Hint[][] {
  const lines: Hint[][] = [[]];
  let used = 0;

  for (const command of commands) {
    const key = command.keys[0];
    if (key === undefined) continue;

    const text = `${keyLabel(key)} ${command.hint}  `;
    if (used + text.length > width) {
      if (lines.length >= max || text.length > width) break;
      lines.push([]);
      used = 0;
    }
    used += text.length;
    lines.at(-1)?.push({ command, text });
  }

  return lines;
}
