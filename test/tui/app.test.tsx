import { afterEach, describe, expect, it } from 'vitest';

import { headerParts } from '../../src/tui/components/header.js';
import { createTheme } from '../../src/tui/theme.js';
import { FakeAdmin } from './fake-admin.js';
import { KEY, renderApp, type Harness } from './harness.js';

let harness: Harness | undefined;
afterEach(() => harness?.unmount());

describe('the app', () => {
  it('shows the data directory, listen address, clients and sign-ins in the header', async () => {
    harness = renderApp();
    const frame = await harness.waitFor('1000000');

    expect(frame).toContain('data /tmp/oathdesk-test');
    expect(frame).toContain('listen 127.0.0.1:1812');
    expect(frame).toContain('clients 1');
    expect(frame).toContain('sign-ins/s 2.0');
  });

  it('says first why RADIUS is not listening, cut at the width of the terminal', async () => {
    const admin = new FakeAdmin();
    admin.listenError = `cannot listen on 0.0.0.0:1812: in use (EADDRINUSE) ${'x'.repeat(80)}`;
    harness = renderApp(admin);
    const frame = await harness.waitFor(
      'RADIUS: cannot listen on 0.0.0.0:1812: in use (EADDRINUSE)',
    );

    const header = frame.split('\n')[0] ?? '';
    expect(header.length).toBeLessThanOrEqual(100);
    expect(header).toMatch(/^oathdesk +RADIUS: cannot listen/);
    expect(frame).not.toContain('listen 127.0.0.1');
  });

  it('fits the reason for the default address in a header of 80 columns', () => {
    const reasons = [
      'port needs root (EACCES)',
      'in use (EADDRINUSE)',
      'not local (EADDRNOTAVAIL)',
    ];
    for (const reason of reasons) {
      const info = { dataDir: '/d', listen: null, clientCount: 0, signInsPerSecond: 0 };
      const listenError = `cannot listen on 0.0.0.0:1812: ${reason}`;
      const [problem] = headerParts({ ...info, listenError });
      expect(`oathdesk ${problem.trimEnd()}`.length, reason).toBeLessThanOrEqual(80);
    }
  });

  it('fits 24 rows of the terminal', async () => {
    harness = renderApp();
    const frame = await harness.waitFor('1 of 30');

    expect(frame.split('\n').length).toBeLessThanOrEqual(24);
  });

  it('switches screens with number keys and Tab', async () => {
    harness = renderApp();
    await harness.waitFor('1 of 30');

    await harness.press('1');
    await harness.waitFor('tokens.csv');
    await harness.press('3');
    await harness.waitFor('alice@contoso.com');
    await harness.press(KEY.tab);
    await harness.waitFor('Recent decisions');
    await harness.press('5');
    await harness.waitFor('10.0.0.1');
    await harness.press('6');
    await harness.waitFor('When (UTC)');
  });

  it('shows help from the key table and closes it with Esc', async () => {
    harness = renderApp();
    await harness.waitFor('1 of 30');

    await harness.press('?');
    const help = await harness.waitFor('Keys (Esc or ? closes)');
    expect(help).toContain('Activate with a code');
    expect(help).toContain('Delete the token (asks first)');

    await harness.press(KEY.escape);
    await harness.waitFor('1 of 30');
  });

  it('quits on q and on Ctrl-C, but q typed into an input is text', async () => {
    harness = renderApp();
    await harness.waitFor('1 of 30');

    await harness.press('q');
    await harness.waitFor(() => harness?.quits === 1);
    await harness.press(KEY.ctrlC);
    await harness.waitFor(() => harness?.quits === 2);

    await harness.press('/');
    await harness.waitFor('Contains:');
    await harness.press('q');
    await harness.waitFor('Contains: q');
    expect(harness.quits).toBe(2);
  });

  it('offers the samples, then shows their upload processing and later its tokens', async () => {
    harness = renderApp(new FakeAdmin({ isEmpty: true }));
    await harness.waitFor('This data directory is empty');

    await harness.press('y');
    const onUploads = (frame: string) => frame.includes('Loaded 1') && frame.includes('Expires');
    await harness.waitFor(onUploads);
    await harness.waitFor((frame) => /sample-tokens\.csv +processing/.test(frame));
    await harness.waitFor('Upload done: 1 imported');
    expect(harness.admin.calls).toContain('loadSamples');

    await harness.press('2');
    await harness.waitFor('1000001');
  });

  it('adapts to a taller terminal on resize', async () => {
    harness = renderApp();
    await harness.waitFor('1 of 30');
    expect(harness.frame()).not.toContain('1000025');

    harness.resize(40);
    await harness.waitFor('1000025');
  });

  it('uses no colours when NO_COLOR is set', () => {
    expect(createTheme({ NO_COLOR: '' }).color('error')).toBeUndefined();
    expect(createTheme({}).color('error')).toBe('red');
  });
});
