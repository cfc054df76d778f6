import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

import { SCREENS, type ScreenId } from '../keys/key-table.js';
import { useTui } from '../tui-context.js';

export function Tabs({ current }: { current: ScreenId }): ReactNode {
  const { theme } = useTui();

  return (
    <Box flexShrink={0} height={1}>
      {SCREENS.map((screen, index) => {
        const isCurrent = screen.id === current;

        return (
          <Text
            key={screen.id}
            inverse={isCurrent}
            bold={isCurrent}
            color={theme.color(isCurrent ? 'focus' : 'muted')}
          >
            {` ${index + 1} ${screen.title} `}
          </Text>
        );
      })}
    </Box>
  );
}
