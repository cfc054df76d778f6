// Renders the app over the fake admin and waits for frames instead of sleeping.
import { render } from 'ink-testing-library';

import { App, type Schedule } from '../../src/tui/app.js';
import type { ScreenId } from '../../src/tui/keys/key-table.js';
import { createTheme } from '../../src/tui/theme.js';
import { FakeAdmin, NOW } from './fake-admin.js';

export const KEY = {
  up: '\u001b[A',
  down: '\u001b[B',
  enter: '\r',
  escape: '\u001b',
  tab: '\t',
  ctrlC: '\u0003',
} as const;

export interface Harness {
  admin: FakeAdmin;
  frame: () => string;
  /** Lets pending effects subscribe the newest key handlers first, as a human's pause would. */
  press: (keys: string) => Promise<void>;
  waitFor: (check: string | ((frame: string) => boolean), timeoutMs?: number) => Promise<string>;
  quits: number;
  resize: (rows: number) => void;
  unmount: () => void;
}

export function renderApp(
  admin = new FakeAdmin(),
  screen: ScreenId = 'tokens',
  schedule?: Schedule,
): Harness {
  const harness: Harness = {
    admin,
    frame: () => instance.lastFrame() ?? '',
    press: async (keys) => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      instance.stdin.write(keys);
    },
    waitFor: (check, timeoutMs = 8000) => waitForFrame(harness.frame, check, timeoutMs),
    quits: 0,
    resize: (rows) => {
      // The test stdout has a fixed width and no height; the app reads rows on resize.
      Object.defineProperty(instance.stdout, 'rows', { value: rows, configurable: true });
      instance.stdout.emit('resize');
    },
    unmount: () => instance.unmount(),
  };
  const instance = render(
    <App
      admin={admin}
      isAttached={false}
      onQuit={() => (harness.quits += 1)}
      theme={createTheme({ NO_COLOR: '1' })}
      now={() => NOW}
      initialScreen={screen}
      schedule={schedule}
    />,
  );

  return harness;
}

export async function waitForFrame(
  frame: () => string,
  check: string | ((frame: string) => boolean),
  timeoutMs: number,
): Promise<string> {
  const test = typeof check === 'string' ? (text: string) => text.includes(check) : check;
  const start = Date.now();

  while (Date.now() - start < timeoutMs) {
    const current = frame();
    if (test(current)) return current;
    await new Promise((resolve) => setImmediate(resolve));
  }

  throw new Error(`no frame matched ${String(check)} in ${timeoutMs} ms; last frame:\n${frame()}`);
}

/** Timers that run only when a test moves their clock, so no test sleeps for a timeout. */
export class ManualTimers {
  private at = 0;
  private pending: { due: number; run: () => void }[] = [];

  readonly schedule: Schedule = (run, ms) => {
    const entry = { due: this.at + ms, run };
    this.pending.push(entry);

    return () => {
      this.pending = this.pending.filter((other) => other !== entry);
    };
  };

  advance(ms: number): void {
    this.at += ms;
    const due = this.pending.filter((entry) => entry.due <= this.at);
    this.pending = this.pending.filter((entry) => entry.due > this.at);
    for (const entry of due) entry.run();
  }
}
