// The real binary in an 80-column terminal whose RADIUS port is taken: the header gives the
// whole reason, errno included, instead of cutting it at the edge.
import dgram from 'node:dgram';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, tempDataDir } from '../support/cli.js';
import { TmuxSession } from '../support/tmux.js';

let dataDir: string;
let taken: dgram.Socket;
let port: number;
let tui: TmuxSession;

beforeAll(async () => {
  dataDir = tempDataDir();
  taken = dgram.createSocket('udp4');
  port = await new Promise<number>((resolve) => {
    taken.bind(0, '127.0.0.1', () => resolve(taken.address().port));
  });
  const command = `node ${BIN} --data ${dataDir} --listen 127.0.0.1:${port}; sleep 600`;
  tui = new TmuxSession(command, { cwd: dataDir, width: 80, height: 24 });
});

afterAll(() => {
  tui.kill();
  taken.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the TUI header at 80 columns', () => {
  it('shows the whole reason the RADIUS port cannot be bound', async () => {
    const screen = await tui.waitFor('EADDRINUSE');
    const header = screen.split('\n')[0] ?? '';

    expect(header).toMatch(
      new RegExp(
        `^oathdesk +RADIUS: cannot listen on 127\\.0\\.0\\.1:${port}: in use \\(EADDRINUSE\\)`,
      ),
    );
    expect(header.trimEnd().length).toBeLessThanOrEqual(80);
  });
});
