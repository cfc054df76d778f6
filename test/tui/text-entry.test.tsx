import type { Key } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';

import type { FormDialog } from '../../src/tui/state/dialog.js';
import { formReducer, initialForm, type FormState } from '../../src/tui/state/form-reducer.js';
import { textEdits, withoutLastWord } from '../../src/tui/state/text-edits.js';
import { expandHome } from '../../src/tui/screens/uploads/upload-dialogs.js';
import { KEY, renderApp, type Harness } from './harness.js';

let harness: Harness | undefined;
afterEach(() => harness?.unmount());

const NO_KEY = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
} satisfies Key;

const pathDialog: FormDialog = {
  kind: 'form',
  title: 'Upload',
  fields: [{ label: 'Path', initial: '/home/a/', kind: 'path' }],
  submit: async () => ({ kind: 'stay', note: { tone: 'ok', lines: [] } }),
};

function typed(state: FormState, input: string): FormState {
  return textEdits(input, NO_KEY).reduce(formReducer, state);
}

describe('text edits of one input event', () => {
  it('count every erase character of a burst and keep mixed bursts in order', () => {
    expect(textEdits('\u007f\u007f\u007f', NO_KEY)).toEqual([{ type: 'erase', count: 3 }]);
    expect(textEdits('g\r', NO_KEY)).toEqual([{ type: 'insert', text: 'g' }, { type: 'submit' }]);
    expect(textEdits('ab\bc\u0015d\u0017', NO_KEY)).toEqual([
      { type: 'insert', text: 'ab' },
      { type: 'erase', count: 1 },
      { type: 'insert', text: 'c' },
      { type: 'clear' },
      { type: 'insert', text: 'd' },
      { type: 'eraseWord' },
    ]);
  });

  it('leave a lone flagged key (Backspace, Enter, Ctrl-U) to the key table', () => {
    expect(textEdits('', { ...NO_KEY, delete: true })).toEqual([]);
    expect(textEdits('\r', { ...NO_KEY, return: true })).toEqual([]);
    expect(textEdits('u', { ...NO_KEY, ctrl: true })).toEqual([]);
    expect(textEdits('\u0001', NO_KEY)).toEqual([]);
  });

  it('erase a word back to a space or a slash', () => {
    expect(withoutLastWord('/tmp/x/file.csv')).toBe('/tmp/x/');
    expect(withoutLastWord('/tmp/x/')).toBe('/tmp/');
    expect(withoutLastWord('alice bob  ')).toBe('alice ');
    expect(withoutLastWord('alice')).toBe('');
  });
});

describe('the form reducer with a default path', () => {
  it('replaces the default with a path typed from / or ~, and appends other text', () => {
    expect(typed(initialForm(pathDialog), '/tmp/x/file.csv').values).toEqual(['/tmp/x/file.csv']);
    expect(typed(initialForm(pathDialog), '~/t.csv').values).toEqual(['~/t.csv']);
    expect(typed(initialForm(pathDialog), 't.csv').values).toEqual(['/home/a/t.csv']);
  });

  it('appends once the field was edited, and sends nothing typed after the Enter', () => {
    const edited = typed(initialForm(pathDialog), '\u007fa/');
    expect(typed(edited, '/b').values).toEqual(['/home/aa//b']);

    const sent = typed(initialForm(pathDialog), 'x.csv\rmore');
    expect(sent).toMatchObject({ isBusy: true, submitted: ['/home/a/x.csv'] });
    expect(sent.values).toEqual(['/home/a/x.csv']);
  });

  it('keeps typed text out of a choice field', () => {
    const dialog: FormDialog = {
      ...pathDialog,
      fields: [
        { label: 'Name', initial: '' },
        { label: 'Mode', initial: 'on', choices: ['on', 'off'] },
      ],
    };
    expect(typed(initialForm(dialog), 'vpn\tx\u007f').values).toEqual(['vpn', 'on']);
  });

  it('reads ~ as the home directory when the path is submitted', () => {
    expect(expandHome('~/t.csv', '/home/a')).toBe('/home/a/t.csv');
    expect(expandHome('~', '/home/a')).toBe('/home/a');
    expect(expandHome('/tmp/~x', '/home/a')).toBe('/tmp/~x');
  });
});

describe('typing into a dialog', () => {
  it('erases as many characters as a burst of Backspaces holds', async () => {
    harness = renderApp();
    await harness.waitFor('1 of 30');
    await harness.press('/');
    await harness.waitFor('Contains:');

    await harness.press('abcdefghijkl');
    await harness.waitFor('Contains: abcdefghijkl');
    await harness.press('\u007f\u007f\u007f');
    await harness.waitFor('Contains: abcdefghi ');
    for (let count = 0; count < 4; count += 1) await harness.press('\u007f');
    await harness.waitFor('Contains: abcde ');
    await harness.press('\b\b');
    await harness.waitFor('Contains: abc ');
  });

  it('clears the field on Ctrl-U, erases a word on Ctrl-W, and lists both keys', async () => {
    harness = renderApp();
    await harness.waitFor('1 of 30');
    await harness.press('/');
    const dialog = await harness.waitFor('Contains:');
    expect(dialog).toContain('C-u clear');
    expect(dialog).toContain('C-w erase word');

    await harness.press('alice bob');
    await harness.waitFor('Contains: alice bob');
    await harness.press('\u0017');
    await harness.waitFor((frame) => frame.includes('Contains: alice ') && !frame.includes('bob'));
    await harness.press('\u0015');
    await harness.waitFor((frame) => !frame.includes('alice'));
  });

  it('submits a burst of text and Enter with the text in it', async () => {
    harness = renderApp();
    await harness.waitFor('1 of 30');
    await harness.press('/');
    await harness.waitFor('Contains:');

    await harness.press('1000002\r');
    await harness.waitFor('Filter: "1000002" (Esc clears)');
    await harness.waitFor('1 of 1');
  });

  it('replaces the default upload path with a pasted absolute path', async () => {
    harness = renderApp(undefined, 'uploads');
    await harness.waitFor('tokens.csv');
    await harness.press('u');
    await harness.waitFor('Type a path from / or ~');

    await harness.press('/tmp/x/file.csv');
    await harness.waitFor('Path: /tmp/x/file.csv');
    await harness.press(KEY.enter);
    await harness.waitFor('Uploading file.csv');
    expect(harness.admin.calls).toContain('upload /tmp/x/file.csv');
  });

  it('draws a shared secret as stars and still submits it', async () => {
    harness = renderApp(undefined, 'clients');
    await harness.waitFor('10.0.0.1');
    await harness.press('a');
    await harness.waitFor('Name:');

    await harness.press('wifi\t10.0.2.0/24\ts3cret');
    const frame = await harness.waitFor('Shared secret: ******');
    expect(frame).not.toContain('s3cret');
    await harness.press(KEY.enter);
    await harness.waitFor('Added wifi');
    expect(harness.admin.clients.at(-1)).toMatchObject({ name: 'wifi', secret: 's3cret' });
  });
});
