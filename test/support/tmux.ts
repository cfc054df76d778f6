// Drives a real terminal: tmux on a private socket, keys sent by name, the screen read back.
// Tests wait for the expected text after each key instead of sleeping.
import { execFileSync } from 'node:child_process';

export class TmuxSession {
  private readonly socket = `oathdesk-e2e-${process.pid}-${Date.now()}`;

  constructor(command: string, options: { cwd: string; width?: number; height?: number }) {
    this.tmux(
      'new-session',
      '-d',
      '-x',
      String(options.width ?? 120),
      '-y',
      String(options.height ?? 40),
      '-c',
      options.cwd,
      command,
    );
  }

  screen(): string {
    return this.tmux('capture-pane', '-p');
  }

  /** Sends keys by tmux name (`Enter`, `Escape`, `q`) or literal text with `{ literal: true }`. */
  send(keys: string, options: { literal?: boolean } = {}): void {
    this.tmux('send-keys', ...(options.literal ? ['-l'] : []), keys);
  }

  /** Resizes the terminal, as an admin dragging the window would. */
  resize(width: number, height: number): void {
    this.tmux('resize-window', '-x', String(width), '-y', String(height));
  }

  async waitFor(expected: string | RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.screen();
      const isThere =
        typeof expected === 'string' ? screen.includes(expected) : expected.test(screen);
      if (isThere) return screen;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${String(expected)}; the screen was:\n${screen}`);
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }
}
