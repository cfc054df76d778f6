// Tokens: a windowed list over every token, a filter, the detail, and the token actions.
import { Box } from 'ink';
import { memo, useEffect, useReducer, useRef, type ReactNode } from 'react';

import { FilterNote } from '../../components/filter-note.js';
import { HintBar } from '../../components/hint-bar.js';
import { Position, WindowedList, listHeight } from '../../components/windowed-list.js';
import { useCommands, type Handlers } from '../../hooks/use-commands.js';
import type { CommandId } from '../../keys/key-table.js';
import { useTokenPages } from '../../hooks/use-token-pages.js';
import { errorStatus } from '../../state/status.js';
import { tokenDisabledReason } from '../../state/token-rules.js';
import { initialTokens, tokensReducer } from '../../state/tokens-reducer.js';
import { useTui } from '../../tui-context.js';
import type { ScreenProps } from '../screen-props.js';
import { TokenDetail } from './token-detail.js';
import * as dialogs from './token-dialogs.js';
import { tokenHeader, tokenRow } from './token-row.js';

export const TokensScreen = memo(function TokensScreen(props: ScreenProps): ReactNode {
  const { width, height, isActive } = props;
  const tui = useTui();
  const { admin, notify, openDialog } = tui;
  const [state, dispatch] = useReducer(tokensReducer, initialTokens);
  const bodyHeight = height - 1;

  useEffect(() => {
    dispatch({ type: 'list', action: { type: 'setHeight', height: listHeight(bodyHeight) } });
  }, [bodyHeight]);

  // Tokens change behind this screen (uploads, the CLI, sign-ins): show them afresh on return.
  const wasActive = useRef(isActive);
  useEffect(() => {
    if (isActive && !wasActive.current) dispatch({ type: 'reload' });
    wasActive.current = isActive;
  }, [isActive]);

  const pages = useTokenPages(
    admin,
    state.filter,
    state.generation,
    state.list,
    (total) => dispatch({ type: 'list', action: { type: 'setTotal', total } }),
    notify,
  );
  const detailSerial = state.view.kind === 'detail' ? state.view.serial : null;
  const selected = pages.rowAt(state.list.cursor);
  const token = detailSerial ? (selected?.serial === detailSerial ? selected : null) : selected;
  const reload = () => dispatch({ type: 'reload' });
  const move = (action: Parameters<typeof tokensReducer>[1]) => dispatch(action);
  const confirm = (
    command: CommandId<'tokens'>,
    title: string,
    message: string,
    run: () => Promise<string>,
  ) => openDialog(dialogs.confirmDialog(command, title, message, run));

  const handlers: Handlers<'tokens' | 'list'> = {
    up: () => move({ type: 'list', action: { type: 'move', delta: -1 } }),
    down: () => move({ type: 'list', action: { type: 'move', delta: 1 } }),
    pageUp: () => move({ type: 'list', action: { type: 'page', direction: -1 } }),
    pageDown: () => move({ type: 'list', action: { type: 'page', direction: 1 } }),
    first: () => move({ type: 'list', action: { type: 'first' } }),
    last: () => move({ type: 'list', action: { type: 'last' } }),
    back: () => {
      if (detailSerial) dispatch({ type: 'closeDetail' });
      else if (state.filter) dispatch({ type: 'filter', text: '' });
    },
    filter: () =>
      openDialog(
        dialogs.filterDialog(
          'Filter tokens by serial, UPN, model or status',
          state.filter,
          (text) => dispatch({ type: 'filter', text }),
        ),
      ),
    detail: () => token && dispatch({ type: 'openDetail', serial: token.serial }),
    activate: () => {
      if (!token) return;
      admin.activationUsage().then(
        (usage) => {
          if (usage.used >= usage.limit) {
            notify({ tone: 'warn', text: `Cannot activate now. ${dialogs.usageLine(usage)}` });
          } else {
            openDialog(dialogs.activationDialog(admin, token, usage, reload));
          }
        },
        (error: unknown) => notify(errorStatus(error)),
      );
    },
    assign: () => token && openDialog(dialogs.assignDialog(admin, token, reload)),
    unassign: () => {
      if (!token) return;
      const message = `Take ${token.serial} from ${token.upn}?`;
      confirm('unassign', 'Unassign token', message, async () => {
        await admin.unassignToken(token.serial);
        reload();
        return `${token.serial} unassigned`;
      });
    },
    resync: () => token && openDialog(dialogs.resyncDialog(admin, token, reload)),
    disable: () =>
      token &&
      confirm(
        'disable',
        'Disable token',
        `Disable ${token.serial}? It will sign nobody in.`,
        async () => {
          await admin.setTokenEnabled(token.serial, false);
          reload();
          return `${token.serial} disabled`;
        },
      ),
    enable: () =>
      token &&
      confirm('enable', 'Enable token', `Enable ${token.serial} again?`, async () => {
        await admin.setTokenEnabled(token.serial, true);
        reload();
        return `${token.serial} enabled`;
      }),
    delete: () =>
      token &&
      confirm('delete', 'Delete token', `Delete ${token.serial} for good?`, async () => {
        await admin.deleteToken(token.serial);
        dispatch({ type: 'closeDetail' });
        reload();
        return `${token.serial} deleted`;
      }),
    reload,
  };

  const disabledReason = (id: string) =>
    detailSerial &&
    id !== 'back' &&
    ['up', 'down', 'pageUp', 'pageDown', 'first', 'last'].includes(id)
      ? 'close the detail first (Esc)'
      : tokenDisabledReason(id, token);
  useCommands(['tokens', 'list'], handlers, {
    isActive,
    disabledReason,
    onDisabled: (text) => notify({ tone: 'warn', text }),
  });

  const now = tui.now();
  const rowText = (index: number) => {
    const row = pages.rowAt(index);
    return row ? tokenRow(row, width - 1, now) : null;
  };

  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      <Box flexDirection="column" height={bodyHeight} flexShrink={0}>
        {detailSerial ? (
          <TokenDetail
            serial={detailSerial}
            generation={state.generation}
            height={bodyHeight}
            width={width}
          />
        ) : (
          <>
            <WindowedList
              list={state.list}
              rowText={rowText}
              header={tokenHeader(width - 1)}
              empty={pages.isLoaded ? 'no tokens match' : 'loading…'}
              width={width}
            />
            <Box flexShrink={0} height={1}>
              <Position list={state.list} />
              {state.filter && <FilterNote filter={state.filter} />}
            </Box>
          </>
        )}
      </Box>
      <HintBar scopes={['tokens', 'list']} width={width} disabledReason={disabledReason} />
    </Box>
  );
});
