import { afterEach, describe, expect, it } from 'vitest';

import { helpLines } from '../../src/tui/components/help-screen.js';
import { confirmOf, KEY_TABLE, type ScreenId } from '../../src/tui/keys/key-table.js';
import { FakeAdmin } from './fake-admin.js';
import { KEY, renderApp, type Harness } from './harness.js';

let harness: Harness | undefined;
afterEach(() => harness?.unmount());

// Where each command that the key table marks as confirming is pressed, and on which row.
const SETUP: Record<string, { screen: ScreenId; moves: string }> = {
  unassign: { screen: 'tokens', moves: '' },
  enable: { screen: 'tokens', moves: '' },
  delete: { screen: 'tokens', moves: '' },
  disable: { screen: 'tokens', moves: 'j' },
  deleteUpload: { screen: 'uploads', moves: '' },
  removeClient: { screen: 'clients', moves: '' },
};

describe('commands that ask first', () => {
  const marked = KEY_TABLE.filter((command) => 'confirm' in command);

  it('say so in help, enable included', () => {
    const lines = helpLines('tokens');
    expect(lines).toContainEqual(expect.stringMatching(/^e +Enable the token \(asks first\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^d +Disable the token \(asks first\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^a +Activate with a code$/));
    expect(confirmOf('enable')).toBe('plain');
    expect(confirmOf('delete')).toBe('dangerous');
  });

  it.each(marked.map((command) => [command.id, command.keys[0] ?? '']))(
    '%s (%s) opens a confirmation as the key table says',
    async (id, key) => {
      const setup = SETUP[id];
      expect(setup, `no setup for ${id}`).toBeDefined();
      const admin = new FakeAdmin();
      Object.assign(admin.tokens[0]!, { upn: 'alice@contoso.com', status: 'assigned' });
      Object.assign(admin.tokens[0]!, { isEnabled: false });
      harness = renderApp(admin, setup!.screen);
      await harness.waitFor('1 of');

      for (const move of setup!.moves) await harness.press(move);
      await harness.press(key);
      await harness.waitFor('y yes');
      await harness.press(KEY.escape);
      await harness.waitFor((frame) => !frame.includes('y yes'));
    },
  );
});
