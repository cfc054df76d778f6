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
  /** Counts dialogs opened, so that a new dialog starts with fresh inputs. */
  dialogs: number;
}

export type AppAction =
  | { type: 'showScreen'; screen: ScreenId }
  | { type: 'stepScreen'; delta: 1 | -1 }
  | { type: 'openHelp' }
  | { type: 'openDialog'; dialog: Dialog }
  | { type: 'closeOverlay' }
  | { type: 'setStatus'; status: Status | null };

export const initialApp: AppState = {
  screen: 'tokens',
  overlay: { kind: 'none' },
  status: null,
  dialogs: 0,
};

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'showScreen':
      return { ...state, screen: action.screen };
    case 'stepScreen': {
      const index = SCREENS.findIndex((screen) => screen.id === state.screen);
      const next = SCREENS[(index + action.delta + SCREENS.length) % SCREENS.length];

      return next ? { ...state, screen: next.id } : state;
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
      return { ...state, status: action.status };
  }
}
