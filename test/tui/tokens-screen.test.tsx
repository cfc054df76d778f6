import { afterEach, describe, expect, it } from 'vitest';

import { FakeAdmin } from './fake-admin.js';
import { KEY, ManualTimers, renderApp, type Harness } from './harness.js';

let harness: Harness | undefined;
afterEach(() => harness?.unmount());

async function typeInto(h: Harness, text: string): Promise<void> {
  for (const char of text) await h.press(char);
}

async function openAssigned(): Promise<Harness> {
  const admin = new FakeAdmin();
  Object.assign(admin.tokens[0]!, { upn: 'alice@contoso.com', status: 'assigned' });
  const h = renderApp(admin);
  await h.waitFor('alice@contoso.com');
  return h;
}

describe('the Tokens screen', () => {
  it('filters to one token with /', async () => {
    harness = renderApp();
    await harness.waitFor('1 of 30');

    await harness.press('/');
    await harness.waitFor('Contains:');
    await typeInto(harness, '1000017');
    await harness.press(KEY.enter);

    const frame = await harness.waitFor('1 of 1');
    expect(frame).toContain('1000017');
    expect(frame).not.toContain('1000016');

    await harness.press(KEY.escape);
    await harness.waitFor('1 of 30');
  });

  it('shows the filter in force beside the position, also after switching screens', async () => {
    const timers = new ManualTimers();
    harness = renderApp(undefined, 'tokens', timers.schedule);
    await harness.waitFor('1 of 30');
    await harness.press('/');
    await harness.waitFor('Contains:');
    await typeInto(harness, '1000017');
    await harness.press(KEY.enter);
    await harness.waitFor('1 of 1');

    // The status line's "Filter: ..." goes after a few seconds and on a change of screen.
    timers.advance(10_000);
    await harness.press('3');
    await harness.waitFor('alice@contoso.com');
    await harness.press('2');
    const frame = await harness.waitFor(
      (text) => text.includes('1 of 1') && !text.includes('alice'),
    );
    expect(frame).not.toContain('Filter:');
    const position = frame.split('\n').find((line) => line.includes('1 of 1'));
    expect(position).toContain('1 of 1  filter "1000017" (Esc clears)');

    await harness.press(KEY.escape);
    const cleared = await harness.waitFor('1 of 30');
    expect(cleared).not.toContain('filter "');
  });

  it('moves with the arrows and opens the detail with Enter', async () => {
    harness = renderApp();
    await harness.waitFor('1 of 30');

    await harness.press(KEY.down);
    await harness.waitFor('2 of 30');
    await harness.press(KEY.enter);
    const detail = await harness.waitFor('Recent failures');
    expect(detail).toContain('1000001 (hardware)');
    expect(detail).toContain('6 digits, 30s, SHA1');

    await harness.press(KEY.escape);
    await harness.waitFor('2 of 30');
  });

  it('says why activation is disabled for an unassigned token', async () => {
    harness = renderApp();
    await harness.waitFor('1 of 30');

    await harness.press('a');
    await harness.waitFor('Activate with a code: assign the token to a user first (s)');
  });

  it('shows an assignment error with its hint inline', async () => {
    harness = renderApp();
    await harness.waitFor('1 of 30');

    await harness.press('s');
    await harness.waitFor('UPN:');
    await typeInto(harness, 'nobody@x');
    await harness.press(KEY.enter);
    await harness.waitFor("no user 'nobody@x' (import the user first)");

    await harness.press(KEY.escape);
    await harness.waitFor('1 of 30');
    await harness.press('s');
    await harness.waitFor('UPN:');
    await typeInto(harness, 'bob@contoso.com');
    await harness.press(KEY.enter);
    await harness.waitFor('1000000 assigned to bob@contoso.com');
  });

  it('activates with a code, showing a refusal inline with the activation usage', async () => {
    harness = await openAssigned();

    await harness.press('a');
    await harness.waitFor('Activations: 0/200 in the last 5 min');
    await typeInto(harness, '000000');
    await harness.press(KEY.enter);
    await harness.waitFor('WRONG_CODE: no step matched; is the interval 60 s?');

    await harness.press(KEY.escape);
    await harness.waitFor('failedActivation');
    await harness.press('a');
    await harness.waitFor('Code on the token:');
    await typeInto(harness, '123456');
    await harness.press(KEY.enter);
    await harness.waitFor('1000000 activated. Activations: 1/200');
    await harness.waitFor(' activated ');
  });

  it('asks for the next code when the first is far from now', async () => {
    harness = await openAssigned();

    await harness.press('a');
    await harness.waitFor('Code on the token:');
    await typeInto(harness, '111111');
    await harness.press(KEY.enter);
    await harness.waitFor('Wait for the token to show its next code');
    await harness.waitFor('Next code:');
    await typeInto(harness, '222222');
    await harness.press(KEY.enter);
    await harness.waitFor('1000000 activated');
  });

  it('deletes a token only after confirmation', async () => {
    harness = renderApp();
    await harness.waitFor('1 of 30');

    await harness.press('x');
    await harness.waitFor('Delete 1000000 for good?');
    await harness.press('n');
    await harness.waitFor('1 of 30');

    await harness.press('x');
    await harness.waitFor('Delete 1000000 for good?');
    await harness.press('y');
    await harness.waitFor('1 of 29');
    expect(harness.admin.tokens.some((token) => token.serial === '1000000')).toBe(false);
  });

  it('acts on the row a burst moved to, and never confirms from the same burst', async () => {
    harness = renderApp();
    await harness.waitFor('1 of 30');

    await harness.press('jxy');
    await harness.waitFor('Delete 1000001 for good?');
    expect(harness.admin.tokens.some((token) => token.serial === '1000001')).toBe(true);
  });

  it('disables and enables a token after confirmation', async () => {
    harness = renderApp();
    await harness.waitFor('1 of 30');

    await harness.press('e');
    await harness.waitFor('the token is already enabled');
    await harness.press('d');
    await harness.waitFor('Disable 1000000?');
    await harness.press('y');
    await harness.waitFor('1000000 disabled');
    expect(harness.admin.tokens[0]?.isEnabled).toBe(false);
  });
});
