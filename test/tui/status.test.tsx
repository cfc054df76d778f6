import { afterEach, describe, expect, it } from 'vitest';

import { appReducer, initialApp, statusMs } from '../../src/tui/state/app-reducer.js';
import { KEY, ManualTimers, renderApp, type Harness } from './harness.js';

let harness: Harness | undefined;
afterEach(() => harness?.unmount());

const news = { tone: 'ok', text: 'Software token SW-1 confirmed' } as const;

describe('the status line', () => {
  it('expires only the status its timer was started for', () => {
    const first = appReducer(initialApp, { type: 'setStatus', status: news, serial: 1 });
    const later = { ...news, text: 'later' };
    const second = appReducer(first, { type: 'setStatus', status: later, serial: 2 });

    expect(appReducer(second, { type: 'expireStatus', serial: first.statusSerial })).toBe(second);
    expect(appReducer(second, { type: 'expireStatus', serial: second.statusSerial }).status).toBe(
      null,
    );
    expect(statusMs(news)).toBe(5000);
    expect(statusMs({ tone: 'error', text: 'no' })).toBe(10_000);
  });

  it('is cleared by a change of screen but not by showing the same screen', () => {
    const shown = appReducer(initialApp, { type: 'setStatus', status: news, serial: 1 });

    expect(appReducer(shown, { type: 'showScreen', screen: 'tokens' }).status).toBe(news);
    expect(appReducer(shown, { type: 'showScreen', screen: 'users' }).status).toBe(null);
    expect(appReducer(shown, { type: 'stepScreen', delta: 1 }).status).toBe(null);
  });

  it('goes back to the help prompt some seconds after a status is shown', async () => {
    const timers = new ManualTimers();
    harness = renderApp(undefined, 'tokens', timers.schedule);
    await harness.waitFor('1 of 30');
    await harness.press('/');
    await harness.waitFor('Contains:');
    await harness.press('1000002');
    await harness.press(KEY.enter);
    await harness.waitFor('Filter: "1000002" (Esc clears)');

    timers.advance(4999);
    await harness.press('j');
    await new Promise((resolve) => setImmediate(resolve));
    expect(harness.frame()).toContain('Filter: "1000002"');
    timers.advance(1);
    await harness.waitFor(
      (frame) => frame.includes('Press ? for help') && !frame.includes('Filter'),
    );
  });

  it('is gone when the admin switches to another screen', async () => {
    harness = renderApp(undefined, 'tokens');
    await harness.waitFor('1 of 30');
    await harness.press('U');
    await harness.waitFor('Unassign from its user');

    await harness.press('3');
    const isClear = (frame: string) => frame.includes('alice') && frame.includes('Press ? for');
    await harness.waitFor(isClear);
  });
});
