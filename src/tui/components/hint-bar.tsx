// The keys of the current screen, from the key table; disabled ones are dimmed.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

import { commandsOf, type Scope } from '../keys/key-table.js';
import { keyLabel } from '../keys/key-name.js';
import { useTui } from '../tui-context.js';

export interface HintBarProps {
  scopes: readonly Scope[];
  width: number;
  disabledReason?: (id: string) => string | null;
}

export function HintBar({ scopes, width, disabledReason }: HintBarProps): ReactNode {
  const { theme } = useTui();
  const parts: ReactNode[] = [];
  let used = 0;

  for (const command of scopes.flatMap(commandsOf)) {
    const key = command.keys[0];
    if (key === undefined) continue;

    const text = `${keyLabel(key)} ${command.hint}  `;
    if (used + text.length > width) break;
    used += text.length;

    const isDisabled = disabledReason?.(command.id) != null;
    parts.push(
      <Text
        key={command.id}
        color={theme.color(isDisabled ? 'muted' : 'focus')}
        dimColor={isDisabled}
      >
        {text}
      </Text>,
    );
  }

  return (
    <Box flexShrink={0} height={1}>
      {parts}
    </Box>
  );
}
