// Audit: who did what and when, newest first, filterable; Enter opens one entry in full.
import { Box } from 'ink';
import { memo, useEffect, useReducer, useState, type ReactNode } from 'react';

import type { AuditEntry } from '../../../engine/types.js';
import { FilterNote } from '../../components/filter-note.js';
import { HintBar } from '../../components/hint-bar.js';
import { Position, WindowedList, listHeight } from '../../components/windowed-list.js';
import { columns, stamp } from '../../format.js';
import { useCommands, type Handlers } from '../../hooks/use-commands.js';
import { usePolling } from '../../hooks/use-polling.js';
import { emptyList, listReducer } from '../../state/list-reducer.js';
import { errorStatus } from '../../state/status.js';
import { useTui } from '../../tui-context.js';
import type { ScreenProps } from '../screen-props.js';
import { filterDialog } from '../tokens/token-dialogs.js';
import { AuditDetail } from './audit-detail.js';

const WIDTHS = [19, 12, 14, 8, 0];
const LIMIT = 1000;

export const AuditScreen = memo(function AuditScreen(props: ScreenProps): ReactNode {
  const { width, height, isActive } = props;
  const { admin, notify, openDialog } = useTui();
  const [list, dispatch] = useReducer(listReducer, emptyList);
  const [filter, setFilter] = useState('');
  const [changes, setChanges] = useState(0);
  const [opened, setOpened] = useState<AuditEntry | null>(null);
  const polled = usePolling(
    () => admin.audit({ text: filter || undefined, limit: LIMIT }),
    isActive ? 2000 : null,
    true,
    `${filter}/${changes}`,
  );
  const entries = [...(polled.value ?? [])].sort((a, b) => b.at - a.at || b.id - a.id);
  const bodyHeight = height - 1;

  useEffect(() => dispatch({ type: 'setTotal', total: entries.length }), [entries.length]);
  useEffect(() => dispatch({ type: 'setHeight', height: listHeight(bodyHeight) }), [bodyHeight]);
  useEffect(() => {
    if (polled.error) notify(errorStatus(polled.error));
  }, [polled.error, notify]);

  const applyFilter = (text: string) => {
    setFilter(text.trim());
    dispatch({ type: 'reset' });
  };
  const handlers: Handlers<'audit' | 'list'> = {
    up: () => dispatch({ type: 'move', delta: -1 }),
    down: () => dispatch({ type: 'move', delta: 1 }),
    pageUp: () => dispatch({ type: 'page', direction: -1 }),
    pageDown: () => dispatch({ type: 'page', direction: 1 }),
    first: () => dispatch({ type: 'first' }),
    last: () => dispatch({ type: 'last' }),
    back: () => (opened ? setOpened(null) : applyFilter('')),
    // The entry itself is kept, so new entries arriving on top do not change what is shown.
    openEntry: () => setOpened(entries[list.cursor] ?? null),
    filterAudit: () => openDialog(filterDialog('Filter the audit trail', filter, applyFilter)),
    reloadAudit: () => setChanges((count) => count + 1),
  };
  const disabledReason = (id: string): string | null => {
    if (opened && !['back', 'reloadAudit'].includes(id)) return 'go back to the list first (Esc)';

    return id === 'openEntry' && !entries[list.cursor] ? 'no entry selected' : null;
  };
  useCommands(['audit', 'list'], handlers, {
    isActive,
    disabledReason,
    onDisabled: (text) => notify({ tone: 'warn', text }),
  });

  const header = columns(
    ['When (UTC)', 'Actor', 'Action', 'Outcome', 'Subject, reason'],
    WIDTHS,
    width - 1,
  );
  const rowText = (index: number) => {
    const entry = entries[index];
    if (!entry) return null;

    const subject = [entry.upn, entry.serial].filter(Boolean).join(' ');
    const cells = [stamp(entry.at), entry.actor, entry.action, entry.outcome];
    return columns([...cells, `${subject} ${entry.reason}`.trim()], WIDTHS, width - 1);
  };

  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      <Box flexDirection="column" height={bodyHeight} flexShrink={0}>
        {opened ? (
          <AuditDetail entry={opened} width={width} height={bodyHeight} />
        ) : (
          <>
            <WindowedList
              list={list}
              rowText={rowText}
              header={header}
              empty={polled.value ? 'no audit entries' : 'loading…'}
              width={width}
            />
            <Box flexShrink={0} height={1}>
              <Position list={list} />
              {filter && <FilterNote filter={filter} />}
            </Box>
          </>
        )}
      </Box>
      <HintBar scopes={['audit', 'list']} width={width} disabledReason={disabledReason} />
    </Box>
  );
});
