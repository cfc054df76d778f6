// The real binary in a 30x8 terminal: a notice with the size it needs instead of a screen cut to
// its key line, and the screens back once the terminal grows.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_COLUMNS, MIN_ROWS } from '../../src/tui/components/too-small.js';
import { BIN, tempDataDir } from '../support/cli.js';
import { TmuxSession } from '../support/tmux.js';

let dataDir: string;
let tui: TmuxSession;

beforeAll(() => {
  dataDir = tempDataDir();
  const command = `node ${BIN} --data ${dataDir} --listen 127.0.0.1:0; sleep 600`;
  tui = new TmuxSession(command, { cwd: dataDir, width: 30, height: 8 });
});

afterAll(() => {
  tui.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the TUI in a terminal smaller than its layout', () => {
  it('needs as many columns as the tab line takes', () => {
    expect(MIN_COLUMNS).toBe(' 1 Uploads  2 Tokens  3 Users  4 Live  5 Clients  6 Audit '.length);
    expect(MIN_ROWS).toBe(10);
  });

  it('says the size it needs and has, then draws the screens when it grows', async () => {
    const small = await tui.waitFor('this terminal');
    expect(small.replace(/\s+/g, ' ')).toContain(
      'oathdesk needs at least 58x10; this terminal is 30x8',
    );
    expect(small).not.toContain('Press ? for help');

    tui.resize(MIN_COLUMNS, MIN_ROWS);
    const grown = await tui.waitFor('1 Uploads  2 Tokens');
    expect(grown).toContain('Press ? for help');
    expect(grown).not.toContain('needs at least');

    tui.resize(40, 20);
    await tui.waitFor(/this\s+terminal\s+is\s+40x20/);
  });
});
