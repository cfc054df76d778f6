// What every screen needs from the app: the admin interface, the theme, the terminal size, and
// the ways to report a status or open a dialog.
import { createContext, useContext } from 'react';

import type { AdminApi } from '../engine/admin-api.js';
import type { Dialog } from './state/dialog.js';
import type { Status } from './state/status.js';
import type { Theme } from './theme.js';

export interface TuiServices {
  admin: AdminApi;
  theme: Theme;
  isAttached: boolean;
  now: () => number;
  notify: (status: Status | null) => void;
  openDialog: (dialog: Dialog) => void;
}

export const TuiContext = createContext<TuiServices | null>(null);

export function useTui(): TuiServices {
  const services = useContext(TuiContext);
  if (!services) throw new Error('useTui needs a TuiContext provider');

  return services;
}
