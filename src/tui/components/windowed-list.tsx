// Renders only the rows in view, so a key press costs the same with ten rows or 100,000.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

import { printable } from '../../engine/printable.js';
import type { ListState } from '../state/list-reducer.js';
import { useTui } from '../tui-context.js';

export interface WindowedListProps {
  list: ListState;
  /** The row's text, or null while it is still being fetched. */
  rowText: (index: number) => string | null;
  header?: string;
  empty?: string;
  isFocused?: boolean;
  width: number;
}

export function WindowedList(props: WindowedListProps): ReactNode {
  const { list, rowText, width } = props;
  const { theme } = useTui();
  const end = Math.min(list.total, list.top + list.height);
  const rows: ReactNode[] = [];

  for (let index = list.top; index < end; index += 1) {
    const isSelected = index === list.cursor && props.isFocused !== false;
    // Escaped here too, for a row that is not made of `columns` cells.
    const text = printable(rowText(index) ?? '…');

    rows.push(
      <Box key={index} flexShrink={0} height={1}>
        <Text
          inverse={isSelected}
          color={isSelected ? theme.color('focus') : undefined}
          wrap="truncate-end"
        >
          {(isSelected ? '>' : ' ') + text.slice(0, Math.max(0, width - 1)).padEnd(width - 1)}
        </Text>
      </Box>,
    );
  }

  return (
    <Box flexDirection="column" flexShrink={0}>
      {props.header !== undefined && (
        <Box flexShrink={0} height={1}>
          <Text bold wrap="truncate-end">
            {' ' + props.header}
          </Text>
        </Box>
      )}
      {list.total === 0 ? (
        <Text color={theme.color('muted')}>{' ' + (props.empty ?? 'nothing to show')}</Text>
      ) : (
        rows
      )}
    </Box>
  );
}

/** How many rows fit: one line is taken by the header and one by the position line. */
export function listHeight(available: number): number {
  return Math.max(1, available - 2);
}

export function Position({ list }: { list: ListState }): ReactNode {
  const { theme } = useTui();
  const text = list.total === 0 ? '0 rows' : `${list.cursor + 1} of ${list.total}`;

  return (
    <Box flexShrink={0} height={1}>
      <Text color={theme.color('muted')}>{' ' + text}</Text>
    </Box>
  );
}
