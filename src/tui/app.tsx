// The whole screen: header, tabs, the current screen (or help, or a dialog) and the status line.
import { Box } from 'ink';
import { useCallback, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';

import type { AdminApi } from '../engine/admin-api.js';
import { ConfirmDialog } from './components/confirm-dialog.js';
import { FormDialog } from './components/form-dialog.js';
import { Header } from './components/header.js';
import { HelpScreen } from './components/help-screen.js';
import { StatusLine } from './components/status-line.js';
import { Tabs } from './components/tabs.js';
import { isTooSmall, TooSmall } from './components/too-small.js';
import { useCommands, type Handlers } from './hooks/use-commands.js';
import { useSampleOffer } from './hooks/use-sample-offer.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { KeyRouterContext, useKeyRouter, type KeyListeners } from './keys/key-router.js';
import { SCREENS, type ScreenId } from './keys/key-table.js';
import { Screens } from './screens/screens.js';
import { appReducer, initialApp, statusMs } from './state/app-reducer.js';
import type { Dialog } from './state/dialog.js';
import type { Status } from './state/status.js';
import { createTheme, type Theme } from './theme.js';
import { TuiContext, type TuiServices } from './tui-context.js';

export interface AppProps {
  admin: AdminApi;
  isAttached: boolean;
  onQuit: () => void;
  theme?: Theme;
  now?: () => number;
  /** Runs `run` after `ms` and returns a cancel; tests pass a manual one instead of sleeping. */
  schedule?: Schedule;
  initialScreen?: ScreenId;
}

export type Schedule = (run: () => void, ms: number) => () => void;

const realSchedule: Schedule = (run, ms) => {
  // A pending expiry must not keep the process alive after the admin quits.
  const timer = setTimeout(run, ms).unref();

  return () => clearTimeout(timer);
};

export function App(props: AppProps): ReactNode {
  const [state, dispatch] = useReducer(appReducer, {
    ...initialApp,
    screen: props.initialScreen ?? initialApp.screen,
  });
  const size = useTerminalSize();
  const [listeners] = useState<KeyListeners>(() => new Set());
  useKeyRouter(listeners);
  // Remounting the screens after the samples load makes each fetch its data afresh.
  const [dataVersion, setDataVersion] = useState(0);

  // A status is news: it goes after a few seconds instead of following the admin everywhere.
  // The timer starts here, with the status, rather than in an effect after the next frame.
  const schedule = props.schedule ?? realSchedule;
  const statuses = useRef(0);
  const notify = useCallback(
    (status: Status | null) => {
      const serial = (statuses.current += 1);
      dispatch({ type: 'setStatus', status, serial });
      if (status) schedule(() => dispatch({ type: 'expireStatus', serial }), statusMs(status));
    },
    [schedule],
  );
  const openDialog = useCallback((dialog: Dialog) => dispatch({ type: 'openDialog', dialog }), []);
  const services = useMemo<TuiServices>(
    () => ({
      admin: props.admin,
      theme: props.theme ?? createTheme(),
      isAttached: props.isAttached,
      now: props.now ?? Date.now,
      notify,
      openDialog,
    }),
    [props.admin, props.theme, props.isAttached, props.now, notify, openDialog],
  );
  // The samples' tokens arrive through an upload that is still processing when this returns:
  // Uploads shows it progress; Tokens reloads when the admin goes there afterwards.
  useSampleOffer(props.admin, openDialog, () => {
    setDataVersion((version) => version + 1);
    dispatch({ type: 'showScreen', screen: 'uploads' });
  });

  const overlay = state.overlay;
  const show = (index: number) => () => {
    const screen = SCREENS[index];
    if (screen) dispatch({ type: 'showScreen', screen: screen.id });
  };
  const handlers: Handlers<'global' | 'help' | 'always'> = {
    interrupt: props.onQuit,
    quit: props.onQuit,
    help: () => dispatch({ type: 'openHelp' }),
    closeHelp: () => dispatch({ type: 'closeOverlay' }),
    screen1: show(0),
    screen2: show(1),
    screen3: show(2),
    screen4: show(3),
    screen5: show(4),
    screen6: show(5),
    nextScreen: () => dispatch({ type: 'stepScreen', delta: 1 }),
    prevScreen: () => dispatch({ type: 'stepScreen', delta: -1 }),
  };
  useCommands(['always'], handlers, { isActive: true, listeners });
  useCommands(['global'], handlers, { isActive: overlay.kind === 'none', listeners });
  useCommands(['help'], handlers, { isActive: overlay.kind === 'help', listeners });

  const close = (status: Status | null) => {
    dispatch({ type: 'closeOverlay' });
    if (status) notify(status);
  };
  const bodyHeight = Math.max(3, size.rows - 3);
  // Every hook above still runs, so state and open dialogs survive until the terminal grows.
  if (isTooSmall(size)) {
    return (
      <KeyRouterContext.Provider value={listeners}>
        <TuiContext.Provider value={services}>
          <TooSmall size={size} />
        </TuiContext.Provider>
      </KeyRouterContext.Provider>
    );
  }

  return (
    <KeyRouterContext.Provider value={listeners}>
      <TuiContext.Provider value={services}>
        <Box flexDirection="column" width={size.columns} height={size.rows}>
          {overlay.kind === 'help' ? (
            <HelpScreen screen={state.screen} width={size.columns} height={size.rows - 1} />
          ) : (
            <>
              <Header width={size.columns} />
              <Tabs current={state.screen} />
            </>
          )}
          {overlay.kind === 'dialog' && (
            <Box height={bodyHeight} flexShrink={0} flexDirection="column">
              {overlay.dialog.kind === 'confirm' ? (
                <ConfirmDialog
                  key={overlay.serial}
                  dialog={overlay.dialog}
                  width={size.columns}
                  onClose={close}
                />
              ) : (
                <FormDialog
                  key={overlay.serial}
                  dialog={overlay.dialog}
                  width={size.columns}
                  height={bodyHeight}
                  onClose={close}
                  onReplace={openDialog}
                />
              )}
            </Box>
          )}
          <Box display={overlay.kind === 'none' ? 'flex' : 'none'} flexShrink={0}>
            <Screens
              key={dataVersion}
              current={state.screen}
              width={size.columns}
              height={bodyHeight}
              hasKeys={overlay.kind === 'none'}
            />
          </Box>
          <StatusLine status={state.status} width={size.columns} />
        </Box>
      </TuiContext.Provider>
    </KeyRouterContext.Provider>
  );
}
