// The dialogs that take keys before the screen behind them. The handlers a dialog runs are part
// of its value, so the screen that opened it decides what Enter does.
import type { Status } from './status.js';

export interface ConfirmDialog {
  kind: 'confirm';
  title: string;
  message: string;
  isDangerous: boolean;
  /** Runs on `y`; its status goes to the status line. */
  run: () => Promise<Status>;
}

export interface FormField {
  label: string;
  initial: string;
  /** A fixed set of values, changed with the arrow keys instead of typed. */
  choices?: readonly string[];
  /**
   * `secret` is drawn as `*` (the value is still submitted). `path` makes `initial` a default:
   * the first typed text replaces it when it starts with `/` or `~`, and is appended otherwise.
   */
  kind?: 'text' | 'secret' | 'path';
}

export interface Note {
  tone: Status['tone'];
  lines: string[];
}

export type FormOutcome =
  | { kind: 'done'; status: Status }
  | { kind: 'stay'; note: Note }
  | { kind: 'next'; dialog: FormDialog };

export interface FormDialog {
  kind: 'form';
  title: string;
  /** Lines shown above the fields, such as the activation usage. */
  body?: string[];
  /** A QR code already drawn for the terminal, shown when it fits. */
  qr?: string;
  note?: Note;
  fields: FormField[];
  submit: (values: string[]) => Promise<FormOutcome>;
}

export type Dialog = ConfirmDialog | FormDialog;
