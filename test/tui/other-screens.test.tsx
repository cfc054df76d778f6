import { afterEach, describe, expect, it } from 'vitest';

import { FakeAdmin, NOW } from './fake-admin.js';
import { KEY, renderApp, type Harness } from './harness.js';

let harness: Harness | undefined;
afterEach(() => harness?.unmount());

async function typeInto(h: Harness, text: string): Promise<void> {
  for (const char of text) await h.press(char);
}

describe('the Users screen', () => {
  it('shows security info with a hardware mark per method', async () => {
    const admin = new FakeAdmin();
    Object.assign(admin.tokens[3]!, { upn: 'alice@contoso.com', status: 'activated' });
    harness = renderApp(admin, 'users');
    await harness.waitFor('alice@contoso.com');

    await harness.press(KEY.enter);
    const info = await harness.waitFor('[HW] key');
    expect(info).toContain('1000003');
    expect(info).toContain('activated');
  });

  it('enrolls a software token: the secret once, then the first code', async () => {
    harness = renderApp(undefined, 'users');
    await harness.waitFor('alice@contoso.com');

    await harness.press('e');
    await harness.waitFor('Secret: JBSWY3DPEHPK3PXP');
    await typeInto(harness, '123456');
    await harness.press(KEY.enter);
    await harness.waitFor('Software token SW-1 of alice@contoso.com confirmed');
  });
});

describe('the Live screen', () => {
  it('shows rates, activations, clients with Message-Authenticator and decisions', async () => {
    harness = renderApp(undefined, 'live');
    const frame = await harness.waitFor('Recent decisions');

    expect(frame).toContain('accepted');
    expect(frame).toContain('Activations 0/200 in 5 min');
    expect(frame).toContain('sends MA');
    expect(frame).toContain('tokens.csv');
  });
});

describe('the Clients screen', () => {
  it('adds a client with its Message-Authenticator mode, removes one when confirmed', async () => {
    harness = renderApp(undefined, 'clients');
    await harness.waitFor('10.0.0.1');

    await harness.press('a');
    await harness.waitFor('Name:');
    await typeInto(harness, 'wifi');
    await harness.press(KEY.tab);
    await typeInto(harness, '10.0.1.0/24');
    await harness.press(KEY.tab);
    await typeInto(harness, 's3cret');
    await harness.press(KEY.tab);
    await harness.press(' ');
    await harness.waitFor('‹ off ›');
    await harness.press(KEY.enter);
    await harness.waitFor('Added wifi (10.0.1.0/24, MA off)');

    await harness.press('x');
    await harness.waitFor('Remove vpn1');
    await harness.press('y');
    await harness.waitFor('Removed vpn1');
    expect(harness.admin.clients.map((client) => client.name)).toEqual(['wifi']);
  });
});

describe('the Audit screen', () => {
  it('lists entries newest first and filters them', async () => {
    harness = renderApp(undefined, 'audit');
    await harness.waitFor('tokens.csv');

    await harness.press('/');
    await harness.waitFor('Contains:');
    await typeInto(harness, 'upload');
    await harness.press(KEY.enter);
    await harness.waitFor('Filter: "upload" (Esc clears)');
    // Beside the position line too, after the status line has gone.
    await harness.waitFor((text) => /of \d+ {2}filter "upload" \(Esc clears\)/.test(text));
  });

  it('opens the selected entry in full on Enter, reason wrapped; Esc goes back', async () => {
    const admin = new FakeAdmin();
    const reason = `code refused: ${'drift beyond the window; '.repeat(8)}END-OF-REASON`;
    admin.auditLog.push({
      id: 99,
      at: NOW + 99,
      actor: 'nas:vpn1',
      action: 'signIn',
      upn: 'alice@contoso.com',
      serial: '1000003',
      outcome: 'reject',
      reason,
    });
    harness = renderApp(admin, 'audit');
    const list = await harness.waitFor('nas:vpn1');
    expect(list).not.toContain('END-OF-REASON');

    await harness.press(KEY.enter);
    const detail = await harness.waitFor('END-OF-REASON');
    expect(detail).toMatch(/Actor +nas:vpn1/);
    expect(detail).toMatch(/User +alice@contoso\.com/);
    expect(detail).toMatch(/Serial +1000003/);
    expect(detail).toMatch(/Outcome +reject/);
    expect(detail).toContain('2025-01-15');
    expect(detail.split('\n').every((line) => line.length <= 100)).toBe(true);

    await harness.press(KEY.escape);
    await harness.waitFor((frame) => frame.includes('When (UTC)') && !frame.includes('END-OF'));
  });
});
