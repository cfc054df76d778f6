// Data with control characters drawn by the TUI: a RADIUS User-Name or a CSV cell must not set
// the terminal's title or colours. Ink's own sequences (the selected row's inverse video) stay.
import { afterEach, describe, expect, it } from 'vitest';

import { FakeAdmin, NOW } from './fake-admin.js';
import { KEY, renderApp, type Harness } from './harness.js';

const EVIL_NAME = '\x1b[31mEVIL\x1b[0m\x1b]0;pwned\x07@contoso.com';
const SHOWN_NAME = '\\u001B[31mEVIL\\u001B[0m\\u001B]0;pwned\\u0007@contoso.com';

let harness: Harness | undefined;
afterEach(() => harness?.unmount());

/** What data could inject: a title (OSC), a bell, or a colour that no theme colour uses. */
function injected(frame: string): string[] {
  return ['\x1b]', '\x07', '\x1b[31m', '\x1b[0m'].filter((sequence) => frame.includes(sequence));
}

describe('control characters from data in the TUI', () => {
  it('shows an audit entry escaped, in the list and opened in full', async () => {
    const admin = new FakeAdmin();
    admin.auditLog.push({
      id: 99,
      at: NOW + 99,
      actor: 'nas:vpn1',
      action: 'signIn',
      upn: EVIL_NAME,
      serial: null,
      outcome: 'reject',
      reason: `bad: ${EVIL_NAME}\nend`,
    });
    harness = renderApp(admin, 'audit');
    const list = await harness.waitFor('nas:vpn1');
    expect(injected(list)).toEqual([]);
    expect(list).toContain('\\u001B[31mEVIL');

    await harness.press(KEY.enter);
    const detail = await harness.waitFor('Serial      -');
    expect(injected(detail)).toEqual([]);
    expect(detail).toContain(`User        ${SHOWN_NAME}`);
    expect(detail).toContain(`bad: ${SHOWN_NAME}\\nend`);
  });

  it('shows a manufacturer with ESC and BEL escaped in a token in detail', async () => {
    const admin = new FakeAdmin();
    Object.assign(admin.tokens[0]!, { manufacturer: '\x1b]0;vendor\x07Acme', model: 'K1' });
    harness = renderApp(admin, 'tokens');
    await harness.waitFor('K1');

    await harness.press(KEY.enter);
    const frame = await harness.waitFor('vendor');

    expect(injected(frame)).toEqual([]);
    expect(frame).toContain('Model      \\u001B]0;vendor\\u0007Acme K1');
  });
});
