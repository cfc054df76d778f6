import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';

import { runTui } from '../../src/tui/run-tui.js';
import { FakeAdmin } from './fake-admin.js';
import { waitForFrame } from './harness.js';

class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 80;
  rows = 24;
  written = '';
  write = (data: string): boolean => {
    this.written += data;
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  send(data: string): void {
    this.data = data;
    this.emit('readable');
  }
  read = (): string | null => {
    const data = this.data;
    this.data = null;
    return data;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

interface Started {
  stdout: FakeStdout;
  stdin: FakeStdin;
  running: Promise<void>;
  /** Resolves once the Tokens screen has asked for its rows, i.e. the app is up. */
  isUp: () => boolean;
}

function start(): Started {
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const admin = new FakeAdmin();
  let asked = 0;
  const listTokens = admin.listTokens.bind(admin);
  admin.listTokens = (query) => {
    asked += 1;
    return listTokens(query);
  };
  const running = runTui({
    admin,
    patchConsole: false,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
    isAttached: false,
  });
  return { stdout, stdin, running, isUp: () => asked > 1 };
}

describe('runTui', () => {
  it('enters the alternate screen and leaves it, cursor shown, when q is pressed', async () => {
    const { stdout, stdin, running, isUp } = start();
    await waitForFrame(() => String(isUp()), 'true', 8000);
    expect(stdout.written.startsWith('\u001b[?1049h')).toBe(true);

    stdin.send('q');
    await running;
    expect(stdout.written).toContain('2 Tokens');
    expect(stdout.written.endsWith('\u001b[?25h\u001b[?1049l')).toBe(true);
  });

  it('restores the terminal and resolves on SIGTERM', async () => {
    const { stdout, running, isUp } = start();
    await waitForFrame(() => String(isUp()), 'true', 8000);

    process.emit('SIGTERM');
    await running;
    expect(stdout.written.endsWith('\u001b[?1049l')).toBe(true);
  });
});
