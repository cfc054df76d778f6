import { describe, expect, it } from 'vitest';

import { helpLines } from '../../src/tui/components/help-screen.js';
import { KEY_TABLE, SCREENS, type Scope } from '../../src/tui/keys/key-table.js';
import { keyNames } from '../../src/tui/keys/key-name.js';

const NAMED = new Set([
  'up',
  'down',
  'left',
  'right',
  'pageup',
  'pagedown',
  'home',
  'end',
  'enter',
  'escape',
  'tab',
  'shift+tab',
  'space',
  'backspace',
  'delete',
  'ctrl+c',
  'ctrl+u',
  'ctrl+w',
]);

// Scopes that listen at the same time; one key must not mean two things among them.
const TOGETHER: Scope[][] = [
  ...SCREENS.map((screen) => ['always', 'global', screen.id, 'list'] as Scope[]),
  ['always', 'confirm'],
  ['always', 'form'],
  ['always', 'help'],
];

describe('the key table', () => {
  it('binds every command to at least one valid key and describes it', () => {
    for (const command of KEY_TABLE) {
      expect(command.keys.length, command.id).toBeGreaterThan(0);
      expect(command.description.length, command.id).toBeGreaterThan(3);
      expect(command.hint.length, command.id).toBeGreaterThan(0);
      for (const key of command.keys) {
        expect(NAMED.has(key) || [...key].length === 1, `${command.id}: ${key}`).toBe(true);
      }
    }
  });

  it('has unique command ids within a scope', () => {
    const seen = new Set(KEY_TABLE.map((command) => `${command.scope}/${command.id}`));
    expect(seen.size).toBe(KEY_TABLE.length);
  });

  it('never gives one key two meanings among scopes that listen together', () => {
    for (const group of TOGETHER) {
      const owners = new Map<string, string>();
      for (const command of KEY_TABLE.filter((entry) => group.includes(entry.scope))) {
        for (const key of command.keys) {
          expect(owners.get(key), `${key} in ${group.join(',')}`).toBeUndefined();
          owners.set(key, `${command.scope}/${command.id}`);
        }
      }
    }
  });

  it("lists every command of a screen, of lists and of global keys in that screen's help", () => {
    for (const screen of SCREENS) {
      const help = helpLines(screen.id).join('\n');
      for (const command of KEY_TABLE) {
        if (![screen.id, 'list', 'global', 'confirm', 'form'].includes(command.scope)) continue;
        expect(help, `${screen.id}: ${command.id}`).toContain(command.description);
      }
    }
  });

  it('speaks of a filter only in the help of screens that have one', () => {
    for (const screen of SCREENS) {
      const help = helpLines(screen.id).join('\n');
      const hasFilter = screen.id === 'tokens' || screen.id === 'audit';
      expect(/filter/i.test(help), screen.id).toBe(hasFilter);
      if (hasFilter) expect(help, screen.id).toContain('(Esc clears it)');
    }
  });

  it('names keys as the table writes them, one per character of a burst', () => {
    const none = {
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
    };
    expect(keyNames('jjk', none)).toEqual(['j', 'j', 'k']);
    expect(keyNames('', { ...none, downArrow: true })).toEqual(['down']);
    expect(keyNames('', { ...none, tab: true, shift: true })).toEqual(['shift+tab']);
    expect(keyNames('c', { ...none, ctrl: true })).toEqual(['ctrl+c']);
    expect(keyNames('u', { ...none, ctrl: true })).toEqual(['ctrl+u']);
    expect(keyNames('', { ...none, delete: true })).toEqual(['delete']);
    expect(keyNames(' ', none)).toEqual(['space']);
  });
});
