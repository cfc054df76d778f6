import { describe, expect, it } from 'vitest';

import { appReducer, initialApp } from '../../src/tui/state/app-reducer.js';
import type { FormDialog } from '../../src/tui/state/dialog.js';
import { formReducer, initialForm } from '../../src/tui/state/form-reducer.js';
import { emptyList, listReducer, type ListState } from '../../src/tui/state/list-reducer.js';
import { tokenDisabledReason } from '../../src/tui/state/token-rules.js';
import { initialTokens, tokensReducer } from '../../src/tui/state/tokens-reducer.js';
import { initialUploads, uploadsReducer } from '../../src/tui/state/uploads-reducer.js';
import { makeToken } from './fake-admin.js';

const list = (total: number, height: number): ListState =>
  listReducer(listReducer(emptyList, { type: 'setHeight', height }), { type: 'setTotal', total });

describe('the list reducer', () => {
  it('keeps the cursor within the rows', () => {
    const state = list(5, 3);
    expect(listReducer(state, { type: 'move', delta: -1 }).cursor).toBe(0);
    expect(listReducer(state, { type: 'move', delta: 99 }).cursor).toBe(4);
  });

  it('scrolls just enough to keep the cursor visible', () => {
    let state = list(100_000, 10);
    const down = { type: 'move', delta: 1 } as const;
    for (let step = 0; step < 12; step += 1) state = listReducer(state, down);
    expect(state).toMatchObject({ cursor: 12, top: 3 });

    state = listReducer(state, { type: 'last' });
    expect(state).toMatchObject({ cursor: 99_999, top: 99_990 });
    state = listReducer(state, { type: 'page', direction: -1 });
    expect(state).toMatchObject({ cursor: 99_990, top: 99_990 });
  });

  it('pulls the cursor back when rows disappear', () => {
    const state = listReducer(list(10, 3), { type: 'last' });
    const total = (count: number) => listReducer(state, { type: 'setTotal', total: count });
    expect(total(4)).toMatchObject({ cursor: 3, top: 1 });
    expect(total(0)).toMatchObject({ cursor: 0, top: 0 });
  });

  it('returns the same state when nothing moves, so nothing redraws', () => {
    const state = list(5, 3);
    expect(listReducer(state, { type: 'move', delta: -1 })).toBe(state);
  });
});

describe('the app reducer', () => {
  it('steps through the screens in a ring', () => {
    const state = appReducer({ ...initialApp, screen: 'audit' }, { type: 'stepScreen', delta: 1 });
    expect(state.screen).toBe('uploads');
    expect(appReducer(state, { type: 'stepScreen', delta: -1 }).screen).toBe('audit');
  });

  it('numbers each dialog so that a new one starts with fresh inputs', () => {
    const dialog = { kind: 'form', title: 't', fields: [], submit: async () => ({}) } as never;
    const once = appReducer(initialApp, { type: 'openDialog', dialog });
    const twice = appReducer(once, { type: 'openDialog', dialog });
    expect(twice.overlay).toMatchObject({ kind: 'dialog', serial: 2 });
    expect(appReducer(twice, { type: 'closeOverlay' }).overlay.kind).toBe('none');
  });
});

describe('the form reducer', () => {
  const dialog: FormDialog = {
    kind: 'form',
    title: 'Add',
    fields: [
      { label: 'Name', initial: '' },
      { label: 'Mode', initial: 'require', choices: ['require', 'off'] },
    ],
    submit: async () => ({ kind: 'stay', note: { tone: 'ok', lines: [] } }),
  };

  it('types into the focused field and erases from its end', () => {
    let state = initialForm(dialog);
    state = formReducer(state, { type: 'insert', text: 'vp' });
    state = formReducer(state, { type: 'insert', text: 'nx' });
    state = formReducer(state, { type: 'erase', count: 1 });
    expect(state.values).toEqual(['vpn', 'require']);
  });

  it('cycles a choice field and wraps the focus', () => {
    let state = formReducer(initialForm(dialog), { type: 'step', delta: -1 });
    expect(state.focus).toBe(1);
    state = formReducer(state, { type: 'cycle', choices: ['require', 'off'] });
    expect(state.values[1]).toBe('off');
  });

  it('clears the busy mark when a result arrives', () => {
    const busy = formReducer(initialForm(dialog), { type: 'submit' });
    const done = formReducer(busy, { type: 'note', note: { tone: 'error', lines: ['no'] } });
    expect(done).toMatchObject({ isBusy: false, note: { lines: ['no'] } });
  });
});

describe('the tokens reducer', () => {
  it('starts a new filter at the top and refetches', () => {
    const moved = tokensReducer(
      { ...initialTokens, list: list(50, 10) },
      { type: 'list', action: { type: 'move', delta: 20 } },
    );
    const filtered = tokensReducer(moved, { type: 'filter', text: ' alice ' });
    expect(filtered).toMatchObject({ filter: 'alice', generation: 1 });
    expect(filtered.list.cursor).toBe(0);
  });
});

describe('the uploads reducer', () => {
  it('ignores failures that arrive for an upload no longer shown', () => {
    const upload = { id: 'u1', failed: 1 } as never;
    const open = uploadsReducer(initialUploads, { type: 'openFailures', upload });
    const stale = uploadsReducer(open, { type: 'failuresLoaded', id: 'u0', failures: [] });
    expect(stale).toBe(open);
  });
});

describe('the token rules', () => {
  it('say why an action cannot run on the selected token', () => {
    const available = makeToken(1);
    const activated = makeToken(2, { upn: 'a@b.c', status: 'activated' });
    expect(tokenDisabledReason('activate', null)).toBe('no token selected');
    expect(tokenDisabledReason('activate', available)).toMatch(/assign the token/);
    expect(tokenDisabledReason('activate', activated)).toMatch(/already activated/);
    expect(tokenDisabledReason('assign', activated)).toMatch(/held by a@b.c/);
    expect(tokenDisabledReason('resync', available)).toMatch(/only an activated/);
    expect(tokenDisabledReason('resync', activated)).toBeNull();
    expect(tokenDisabledReason('filter', null)).toBeNull();
  });
});
