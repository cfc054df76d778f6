// Beside a list's position: the filter in force. A screen keeps its filter when the admin
// switches away and back, so the list says it is filtered for as long as it is, not only in the
// status line, which goes after a few seconds.
import { Text } from 'ink';
import type { ReactNode } from 'react';

import { useTui } from '../tui-context.js';

export function FilterNote({ filter }: { filter: string }): ReactNode {
  const { theme } = useTui();

  return (
    <Text color={theme.color('warn')} wrap="truncate-end">
      {`  filter "${filter}" (Esc clears)`}
    </Text>
  );
}
