// Clients: the RADIUS clients with their Message-Authenticator mode; add and remove.
import { Box } from 'ink';
import { memo, useEffect, useReducer, useState, type ReactNode } from 'react';

import { HintBar } from '../../components/hint-bar.js';
import { Position, WindowedList, listHeight } from '../../components/windowed-list.js';
import { ago, columns } from '../../format.js';
import { useCommands, type Handlers } from '../../hooks/use-commands.js';
import { usePolling } from '../../hooks/use-polling.js';
import { emptyList, listReducer } from '../../state/list-reducer.js';
import { errorStatus } from '../../state/status.js';
import { useTui } from '../../tui-context.js';
import type { ScreenProps } from '../screen-props.js';
import { confirmDialog } from '../tokens/token-dialogs.js';
import { addClientDialog } from './client-dialog.js';

const WIDTHS = [0, 20, 8, 9, 10];

export const ClientsScreen = memo(function ClientsScreen(props: ScreenProps): ReactNode {
  const { width, height, isActive } = props;
  const { admin, notify, openDialog, now } = useTui();
  const [list, dispatch] = useReducer(listReducer, emptyList);
  const [changes, setChanges] = useState(0);
  const polled = usePolling(() => admin.listClients(), isActive ? 2000 : null, true, changes);
  const clients = polled.value ?? [];
  const bodyHeight = height - 1;

  useEffect(() => dispatch({ type: 'setTotal', total: clients.length }), [clients.length]);
  useEffect(() => dispatch({ type: 'setHeight', height: listHeight(bodyHeight) }), [bodyHeight]);
  useEffect(() => {
    if (polled.error) notify(errorStatus(polled.error));
  }, [polled.error, notify]);

  const client = clients[list.cursor] ?? null;
  const changed = () => setChanges((count) => count + 1);
  const handlers: Handlers<'clients' | 'list'> = {
    up: () => dispatch({ type: 'move', delta: -1 }),
    down: () => dispatch({ type: 'move', delta: 1 }),
    pageUp: () => dispatch({ type: 'page', direction: -1 }),
    pageDown: () => dispatch({ type: 'page', direction: 1 }),
    first: () => dispatch({ type: 'first' }),
    last: () => dispatch({ type: 'last' }),
    back: () => notify(null),
    addClient: () => openDialog(addClientDialog(admin, changed)),
    removeClient: () => {
      if (!client) return;
      const message = `Remove ${client.name} (${client.address})? Its requests will be dropped.`;
      openDialog(
        confirmDialog('removeClient', 'Remove RADIUS client', message, async () => {
          await admin.removeClient(client.name);
          changed();
          return `Removed ${client.name}`;
        }),
      );
    },
    reloadClients: changed,
  };
  const disabledReason = (id: string) =>
    id === 'removeClient' && !client ? 'no client selected' : null;
  useCommands(['clients', 'list'], handlers, {
    isActive,
    disabledReason,
    onDisabled: (text) => notify({ tone: 'warn', text }),
  });

  const at = now();
  const header = columns(
    ['Name', 'Address', 'Msg-Auth', 'Requests', 'Last seen'],
    WIDTHS,
    width - 1,
  );
  const rowText = (index: number) => {
    const row = clients[index];
    if (!row) return null;

    const cells = [row.name, row.address, row.messageAuthenticator, String(row.requests)];
    return columns([...cells, ago(row.lastSeenAt, at)], WIDTHS, width - 1);
  };

  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      <Box flexDirection="column" height={bodyHeight} flexShrink={0}>
        <WindowedList
          list={list}
          rowText={rowText}
          header={header}
          empty={polled.value ? 'no RADIUS clients; press a to add one' : 'loading…'}
          width={width}
        />
        <Position list={list} />
      </Box>
      <HintBar scopes={['clients', 'list']} width={width} disabledReason={disabledReason} />
    </Box>
  );
});
