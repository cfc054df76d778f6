// What the whole app shows: one screen, at most one overlay (help or a dialog), one status line.
import { SCREENS, type ScreenId } from '../keys/key-table.js';
import type { Dialog } from './dialog.js';
import type { Status } from './status.js';

export type Overlay =
  { kind: 'none' } | { kind: 'help' } | { kind: 'dialog'; dialog: Dialog; serial: number };

export interface AppState {
  screen: ScreenId;
  overlay: Overlay;
  status: Status | null;
  /** Counts statuses shown, so that a timer expires only the status it was started for. */
  statusSerial: number;
  /** Counts dialogs opened, so that a new dialog starts with fresh inputs. */
  dialogs: number;
}

export type AppAction =
  | { type: 'showScreen'; screen: ScreenId }
  | { type: 'stepScreen'; delta: 1 | -1 }
  | { type: 'openHelp' }
  | { type: 'openDialog'; dialog: Dialog }
  | { type: 'closeOverlay' }
  | { type: 'setStatus'; status: Status | null; serial: number }
  | { type: 'expireStatus'; serial: number };

export const initialApp: AppState = {
  screen: 'tokens',
  overlay: { kind: 'none' },
  status: null,
  statusSerial: 0,
  dialogs: 0,
};

/** How long a status stays: a warning or an error twice as long as news. */
export function statusMs(status: Status): number {
  return status.tone === 'warn' || status.tone === 'error' ? 10_000 : 5_000;
}

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'showScreen':
      return showScreen(state, action.screen);
    case 'stepScreen': {
      const index = SCREENS.findIndex((screen) => screen.id === state.screen);
      const next = SCREENS[(index + action.delta + SCREENS.length) % SCREENS.length];

      return next ? showScreen(state, next.id) : state;
    }
    case 'openHelp':
      return { ...state, overlay: { kind: 'help' } };
    case 'openDialog': {
      const dialogs = state.dialogs + 1;

      return {
        ...state,
        dialogs,
        overlay: { kind: 'dialog', dialog: action.dialog, serial: dialogs },
      };
    }
    case 'closeOverlay':
      return { ...state, overlay: { kind: 'none' } };
    case 'setStatus':
      return { ...state, status: action.status, statusSerial: action.serial };
    case 'expireStatus':
      return action.serial === state.statusSerial && state.status
        ? { ...state, status: null }
        : state;
  }
}

/** A status is about the screen it was given on, so another screen starts without it. */
function showScreen(state: AppState, screen: ScreenId): AppState {
  if (screen === state.screen) return state;

  return { ...state, screen, status: null };
}
