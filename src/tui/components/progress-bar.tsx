import { Text } from 'ink';
import type { ReactNode } from 'react';

import { useTui } from '../tui-context.js';

export function progressText(done: number, total: number, width: number): string {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(share * width);

  return '█'.repeat(filled) + '░'.repeat(width - filled) + ` ${Math.round(share * 100)}%`;
}

export function ProgressBar(props: { done: number; total: number; width: number }): ReactNode {
  const { theme } = useTui();

  return (
    <Text color={theme.color('focus')}>{progressText(props.done, props.total, props.width)}</Text>
  );
}
