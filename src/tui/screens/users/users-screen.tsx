// Users: each user with their method count; Enter opens the security info, e enrolls an app.
import { Box } from 'ink';
import { memo, useEffect, useReducer, useState, type ReactNode } from 'react';

import { HintBar } from '../../components/hint-bar.js';
import { Position, WindowedList, listHeight } from '../../components/windowed-list.js';
import { columns } from '../../format.js';
import { useCommands, type Handlers } from '../../hooks/use-commands.js';
import { usePolling } from '../../hooks/use-polling.js';
import { errorStatus } from '../../state/status.js';
import { initialUsers, usersReducer } from '../../state/users-reducer.js';
import { useTui } from '../../tui-context.js';
import type { ScreenProps } from '../screen-props.js';
import { enrollDialog } from './enroll-dialog.js';
import { SecurityInfo } from './security-info.js';

const WIDTHS = [0, 24, 6, 7, 7];
const MAX_METHODS = 5;

export const UsersScreen = memo(function UsersScreen(props: ScreenProps): ReactNode {
  const { width, height, isActive } = props;
  const { admin, notify, openDialog } = useTui();
  const [state, dispatch] = useReducer(usersReducer, initialUsers);
  const [changes, setChanges] = useState(0);
  // Loaded afresh whenever the screen is shown: users and methods change behind it.
  const polled = usePolling(() => admin.listUsers(), null, true, `${changes}/${isActive}`);
  const bodyHeight = height - 1;

  useEffect(() => {
    if (polled.value) dispatch({ type: 'loaded', users: polled.value });
  }, [polled.value]);
  useEffect(() => {
    dispatch({ type: 'list', action: { type: 'setHeight', height: listHeight(bodyHeight) } });
  }, [bodyHeight]);

  const user = state.users[state.list.cursor] ?? null;
  const shownUpn = state.view.kind === 'info' ? state.view.upn : user?.upn;
  const changed = () => setChanges((count) => count + 1);
  const list = (action: Parameters<typeof usersReducer>[1]) => dispatch(action);
  const handlers: Handlers<'users' | 'list'> = {
    up: () => list({ type: 'list', action: { type: 'move', delta: -1 } }),
    down: () => list({ type: 'list', action: { type: 'move', delta: 1 } }),
    pageUp: () => list({ type: 'list', action: { type: 'page', direction: -1 } }),
    pageDown: () => list({ type: 'list', action: { type: 'page', direction: 1 } }),
    first: () => list({ type: 'list', action: { type: 'first' } }),
    last: () => list({ type: 'list', action: { type: 'last' } }),
    back: () => dispatch({ type: 'closeInfo' }),
    info: () => user && dispatch({ type: 'openInfo', upn: user.upn }),
    enroll: () => {
      if (!shownUpn) return;
      enrollDialog(admin, shownUpn, changed).then(openDialog, (error: unknown) =>
        notify(errorStatus(error)),
      );
    },
    reloadUsers: changed,
  };

  const disabledReason = (id: string): string | null => {
    if (['info', 'enroll'].includes(id) && !user) return 'no user selected';
    if (id === 'enroll' && user) {
      if (!user.isEnabled) return `${user.upn} is disabled`;
      if (user.methodCount >= MAX_METHODS) return `${user.upn} already holds five methods`;
    }
    return null;
  };
  useCommands(['users', 'list'], handlers, {
    isActive,
    disabledReason,
    onDisabled: (text) => notify({ tone: 'warn', text }),
  });

  const header = columns(['UPN', 'Name', 'Type', 'Enabled', 'Methods'], WIDTHS, width - 1);
  const rowText = (index: number) => {
    const row = state.users[index];
    if (!row) return null;

    const cells = [row.upn, row.displayName, row.userType, row.isEnabled ? 'yes' : 'no'];
    return columns([...cells, `${row.methodCount}/${MAX_METHODS}`], WIDTHS, width - 1);
  };

  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      <Box flexDirection="column" height={bodyHeight} flexShrink={0}>
        {state.view.kind === 'info' ? (
          <SecurityInfo upn={state.view.upn} reloadKey={changes} width={width - 1} />
        ) : (
          <>
            <WindowedList
              list={state.list}
              rowText={rowText}
              header={header}
              empty={polled.value ? 'no users; import some with the CLI' : 'loading…'}
              width={width}
            />
            <Position list={state.list} />
          </>
        )}
      </Box>
      <HintBar scopes={['users', 'list']} width={width} disabledReason={disabledReason} />
    </Box>
  );
});
