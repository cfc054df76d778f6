// The inputs of a form dialog: field values, which field has focus, and the inline result.
import type { FormDialog, Note } from './dialog.js';
import { withoutLastWord, type TextEdit } from './text-edits.js';

export interface FormState {
  values: string[];
  /** Per field: the value is still the dialog's default path, not yet edited. */
  isDefault: boolean[];
  /** Per field: it has fixed choices, so typed text does not go into it. */
  isChoice: boolean[];
  focus: number;
  isBusy: boolean;
  note: Note | null;
  /** Values handed to submit, taken from the state itself so no typed key is missed. */
  submitted: string[] | null;
}

export type FormAction =
  | TextEdit
  | { type: 'step'; delta: 1 | -1 }
  | { type: 'cycle'; choices: readonly string[] }
  | { type: 'note'; note: Note };

export function initialForm(dialog: FormDialog): FormState {
  return {
    values: dialog.fields.map((field) => field.initial),
    isDefault: dialog.fields.map((field) => field.kind === 'path' && field.initial !== ''),
    isChoice: dialog.fields.map((field) => field.choices !== undefined),
    focus: 0,
    isBusy: false,
    note: dialog.note ?? null,
    submitted: null,
  };
}

/** A path typed over a default path replaces it when it starts at the root or home. */
export function replacesDefault(text: string): boolean {
  return text.startsWith('/') || text.startsWith('~');
}

export function formReducer(state: FormState, action: FormAction): FormState {
  // Keys of a burst that follow its Enter (a pasted second line) must not change what is sent.
  if (state.isBusy && action.type !== 'note') return state;
  const isTextEdit = ['insert', 'erase', 'clear', 'eraseWord'].includes(action.type);
  if (isTextEdit && state.isChoice[state.focus]) return state;

  const value = state.values[state.focus] ?? '';
  switch (action.type) {
    case 'insert': {
      const isReplacing = state.isDefault[state.focus] === true && replacesDefault(action.text);

      return edit(state, isReplacing ? action.text : value + action.text);
    }
    case 'erase':
      return edit(state, value.slice(0, Math.max(0, value.length - action.count)));
    case 'clear':
      return edit(state, '');
    case 'eraseWord':
      return edit(state, withoutLastWord(value));
    case 'step': {
      const count = state.values.length;

      return { ...state, focus: (state.focus + action.delta + count) % count };
    }
    case 'cycle': {
      const current = action.choices.indexOf(value);
      const next = action.choices[(current + 1) % action.choices.length] ?? '';

      return { ...state, values: replaceAt(state.values, state.focus, next) };
    }
    case 'submit':
      return { ...state, isBusy: true, submitted: state.values };
    case 'note':
      return { ...state, isBusy: false, note: action.note, submitted: null };
  }
}

function edit(state: FormState, value: string): FormState {
  return {
    ...state,
    values: replaceAt(state.values, state.focus, value),
    isDefault: replaceAt(state.isDefault, state.focus, false),
  };
}

function replaceAt<T>(values: T[], index: number, value: T): T[] {
  return values.map((old, at) => (at === index ? value : old));
}
