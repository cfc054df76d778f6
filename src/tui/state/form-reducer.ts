// The inputs of a form dialog: field values, which field has focus, and the inline result.
import type { FormDialog, Note } from './dialog.js';

export interface FormState {
  values: string[];
  focus: number;
  isBusy: boolean;
  note: Note | null;
  /** Values handed to submit, taken from the state itself so no typed key is missed. */
  submitted: string[] | null;
}

export type FormAction =
  | { type: 'insert'; text: string }
  | { type: 'erase' }
  | { type: 'step'; delta: 1 | -1 }
  | { type: 'cycle'; choices: readonly string[] }
  | { type: 'submit' }
  | { type: 'note'; note: Note };

export function initialForm(dialog: FormDialog): FormState {
  return {
    values: dialog.fields.map((field) => field.initial),
    focus: 0,
    isBusy: false,
    note: dialog.note ?? null,
    submitted: null,
  };
}

export function formReducer(state: FormState, action: FormAction): FormState {
  switch (action.type) {
    case 'insert': {
      const value = (state.values[state.focus] ?? '') + action.text;

      return { ...state, values: replaceAt(state.values, state.focus, value) };
    }
    case 'erase': {
      const value = (state.values[state.focus] ?? '').slice(0, -1);

      return { ...state, values: replaceAt(state.values, state.focus, value) };
    }
    case 'step': {
      const count = state.values.length;

      return { ...state, focus: (state.focus + action.delta + count) % count };
    }
    case 'cycle': {
      const current = action.choices.indexOf(state.values[state.focus] ?? '');
      const next = action.choices[(current + 1) % action.choices.length] ?? '';

      return { ...state, values: replaceAt(state.values, state.focus, next) };
    }
    case 'submit':
      return state.isBusy ? state : { ...state, isBusy: true, submitted: state.values };
    case 'note':
      return { ...state, isBusy: false, note: action.note, submitted: null };
  }
}

function replaceAt(values: string[], index: number, value: string): string[] {
  return values.map((old, at) => (at === index ? value : old));
}
