// The TUI over a real engine holding `rows` tokens. First frame: the real binary started in tmux,
// timed from spawn until the Tokens screen shows its first serial. Key to frame: the app run
// in this process on fake terminal streams; a key's time is from writing it to stdin to the last
// frame written in answer (frames stop for QUIET_MS), so a page fetched from the engine counts.
import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { OwnerRuntime } from '../src/app/owner-runtime.js';
import { silentLogger } from '../src/engine/logger.js';
import { seedDataDir } from './seed.js';
import { median } from './startup.js';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'oathdesk.js');
const QUIET_MS = 150;
const FIRST_SERIAL = 'B000000000';

const KEYS: { name: string; bytes: string; times: number }[] = [
  { name: 'down', bytes: '\u001b[B', times: 20 },
  { name: 'up', bytes: '\u001b[A', times: 5 },
  { name: 'pagedown', bytes: '\u001b[6~', times: 10 },
  { name: 'end', bytes: 'G', times: 3 },
  { name: 'home', bytes: 'g', times: 3 },
];

export interface TuiBench {
  rows: number;
  firstFrameSeconds: number;
  keyMedianMs: number;
  keyP90Ms: number;
  keyMaxMs: number;
  perKeyMedianMs: Record<string, number>;
}

export async function benchTuiKeys(rows: number): Promise<TuiBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oathdesk-bench-tui-'));
  try {
    await seedDataDir(dir, { users: rows, isSeedShared: true });
    const firstFrameSeconds = firstFrameInTmux(dir);
    const times = await keyTimes(dir);
    const all = Object.values(times).flat();
    const sorted = [...all].sort((a, b) => a - b);
    return {
      rows,
      firstFrameSeconds,
      keyMedianMs: median(all),
      keyP90Ms: sorted[Math.floor(sorted.length * 0.9)] ?? NaN,
      keyMaxMs: sorted[sorted.length - 1] ?? NaN,
      perKeyMedianMs: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function firstFrameInTmux(dir: string): number {
  const socket = `oathdesk-bench-${process.pid}`;
  const tmux = (...args: string[]) =>
    execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const command = `exec ${process.execPath} ${BIN} --data ${dir} --listen 127.0.0.1:0`;
  const started = performance.now();
  tmux('new-session', '-d', '-x', '120', '-y', '40', command);
  const pid = Number(tmux('display-message', '-p', '#{pane_pid}'));
  try {
    while (performance.now() - started < 30_000) {
      if (tmux('capture-pane', '-p').includes(FIRST_SERIAL)) {
        return Math.round(performance.now() - started) / 1000;
      }
      // Poll every 20 ms, not in a busy loop: the tmux calls would take a core from the TUI.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
    throw new Error(`no first frame in 30 s:\n${tmux('capture-pane', '-p')}`);
  } finally {
    try {
      tmux('kill-server');
    } catch {
      // The app already exited (it crashed: the error above says how).
    }
    waitForExit(pid);
  }
}

/** The data directory is locked until the app has exited. */
function waitForExit(pid: number): void {
  const started = performance.now();
  while (performance.now() - started < 10_000) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    execFileSync('sleep', ['0.05']);
  }
}

/** A terminal that is not one: Ink gets a TTY-like stdin and stdout, and we see every write. */
class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 120;
  rows = 40;
  lastWriteAt = 0;
  /** Everything written until the first frame is seen (Ink may rewrite changed lines only). */
  text = '';
  isWatching = true;
  write = (data: string): boolean => {
    this.lastWriteAt = performance.now();
    if (this.isWatching) this.text += data;
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  send(data: string): void {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
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

async function keyTimes(dir: string): Promise<Record<string, number[]>> {
  // Imported late: Ink decides at import time whether it runs in CI, and then draws no frames.
  const { runTui } = await import('../src/tui/run-tui.js');
  const runtime = await OwnerRuntime.start({
    dataDir: dir,
    listen: null,
    hasControlSocket: false,
    logger: silentLogger(),
  });
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const running = runTui({
    admin: runtime.admin('tui:bench'),
    stdin: stdin as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
    isAttached: false,
  });
  try {
    const started = performance.now();
    while (!stdout.text.includes(FIRST_SERIAL)) {
      if (performance.now() - started > 30_000) throw new Error('no Tokens frame in 30 s');
      await sleep(5);
    }
    stdout.isWatching = false;
    await quiet(stdout);

    const times: Record<string, number[]> = {};
    for (const key of KEYS) {
      times[key.name] = [];
      for (let n = 0; n < key.times; n++) {
        const pressed = performance.now();
        stdout.lastWriteAt = 0;
        stdin.send(key.bytes);
        await quiet(stdout);
        if (stdout.lastWriteAt > 0) times[key.name]!.push(stdout.lastWriteAt - pressed);
      }
    }
    return times;
  } finally {
    stdin.send('q');
    await running;
    await runtime.close();
  }
}

async function quiet(stdout: FakeStdout): Promise<void> {
  const started = performance.now();
  for (;;) {
    await sleep(10);
    const since = performance.now() - Math.max(stdout.lastWriteAt, started);
    if (since >= QUIET_MS) return;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchTuiKeys(Number(process.argv[2] ?? 100_000))));
}
