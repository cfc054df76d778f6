// Entry point: runs the TUI on the alternate screen and always gives the terminal back, whether
// the admin quits, the process gets SIGTERM or SIGHUP, or the app crashes.
import { render } from 'ink';

import type { AdminApi } from '../engine/admin-api.js';
import { App } from './app.js';
import { CrashGuard } from './components/crash-guard.js';

const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALT_SCREEN = '\u001b[?25h\u001b[?1049l';
const SIGNALS = ['SIGTERM', 'SIGHUP'] as const;

export interface RunTuiOptions {
  admin: AdminApi;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  /** True when the engine runs in another process (`oathdesk attach`). */
  isAttached: boolean;
  /** Keeps stray console output off the screen; off in tests whose runner owns the console. */
  patchConsole?: boolean;
  /** Closes the app when it settles: an attached TUI whose server went away. */
  closeWhen?: Promise<unknown>;
}

/** Resolves when the admin quits; rejects with the error when the app crashed. */
export async function runTui(options: RunTuiOptions): Promise<void> {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  let isRestored = false;
  let crash: unknown = null;

  const restore = () => {
    if (isRestored) return;
    isRestored = true;
    stdout.write(LEAVE_ALT_SCREEN);
  };

  stdout.write(ENTER_ALT_SCREEN);
  // The last resort: a crash outside React still leaves the alternate screen on the way out.
  process.once('exit', restore);

  const instance = render(
    <CrashGuard
      onCrash={(error) => {
        crash = error;
        instance.unmount();
      }}
    >
      <App
        admin={options.admin}
        isAttached={options.isAttached}
        onQuit={() => instance.unmount()}
      />
    </CrashGuard>,
    // Ctrl-C goes through the key table, so that quitting takes the same path as `q`.
    { stdout, stdin, exitOnCtrlC: false, patchConsole: options.patchConsole ?? true },
  );

  const onSignal = () => instance.unmount();
  for (const signal of SIGNALS) process.on(signal, onSignal);
  void options.closeWhen?.then(onSignal, onSignal);

  try {
    await instance.waitUntilExit();
  } finally {
    for (const signal of SIGNALS) process.off(signal, onSignal);
    process.off('exit', restore);
    restore();
  }

  if (crash !== null) throw crash;
}
