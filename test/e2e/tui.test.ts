// The real `oathdesk` binary in a real terminal (tmux): load the samples, find a token, activate
// it with a code from oathtool, write a failures file, watch a radclient request arrive on the
// Live screen, and quit with the terminal restored.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, oathtool, runCli, tempDataDir } from '../support/cli.js';
import { papRequest, radclient } from '../support/radclient.js';
import { TmuxSession } from '../support/tmux.js';

const SERIAL = '70310001';
const SECRET = 'TWYQOMHCTI3GVYZD4IUEJRDWEDU2PNVL';
const NAS_SECRET = 'tmux-e2e-shared-secret';

let dataDir: string;
let work: string;
let tui: TmuxSession;

beforeAll(() => {
  dataDir = tempDataDir();
  work = tempDataDir('oathdesk-tui-cwd-');
  const command =
    `node ${BIN} --data ${dataDir} --listen 127.0.0.1:0; ` + 'echo OATHDESK_EXIT=$?; sleep 600';
  tui = new TmuxSession(command, { cwd: work, width: 120, height: 40 });
});

afterAll(() => {
  tui.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

describe('the TUI in a real terminal', () => {
  it('offers the samples on an empty data directory and loads them', async () => {
    await tui.waitFor('This data directory is empty');
    tui.send('y');
    await tui.waitFor(/Loaded \d+ users/);
    // The app moves to Uploads by itself and follows the upload to its end.
    await tui.waitFor(/tokens-vendor-batch\.csv\s+completedWithErrors/);
    await tui.waitFor(/Upload done/);
  });

  it('filters the tokens to one and activates it with a code from oathtool', async () => {
    tui.send('2');
    await tui.waitFor('Serial');
    tui.send('/');
    await tui.waitFor('Filter tokens');
    tui.send(`${SERIAL}xyz`, { literal: true });
    await tui.waitFor(`${SERIAL}xyz`);
    // One burst, as a fast typist or `tmux send-keys BSpace BSpace BSpace Enter` delivers it:
    // every Backspace counts and the Enter submits what is left.
    tui.send('\u007f\u007f\u007f\r', { literal: true });
    await tui.waitFor(`Filter: "${SERIAL}"`);
    await tui.waitFor(/1 of 1/);

    tui.send('a');
    await tui.waitFor('Code on the token');
    tui.send(await oathtool(SECRET), { literal: true });
    tui.send('Enter');
    await tui.waitFor(/activated/i);
    tui.send('Escape');
    // The list row itself, not the status line: serial, status, enabled, user.
    await tui.waitFor(new RegExp(`${SERIAL} +activated +yes +helga@contoso\\.com`));
  });

  it('writes the failures file of the sample upload and says where', async () => {
    tui.send('1');
    await tui.waitFor('completedWithErrors');
    tui.send('d');
    await tui.waitFor('Directory');
    tui.send('Enter');
    await tui.waitFor('Wrote');

    const file = path.join(work, 'Failures_tokens-vendor-batch.csv');
    expect(fs.existsSync(file)).toBe(true);
    const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('line number,upn,serial number,error code,reason,hint');
    expect(lines.length).toBeGreaterThan(5);
  });

  it('shows a radclient request on the Live screen', async () => {
    const header = tui.screen();
    const port = Number(/listen 127\.0\.0\.1:(\d+)/.exec(header)?.[1]);
    expect(port).toBeGreaterThan(0);

    fs.writeFileSync(path.join(work, 'nas.secret'), NAS_SECRET);
    const added = await runCli(dataDir, [
      'clients',
      'add',
      'e2e-nas',
      '--address',
      '127.0.0.1',
      '--secret-file',
      path.join(work, 'nas.secret'),
    ]);
    expect(added.code).toBe(0);

    const reply = await radclient(port, NAS_SECRET, papRequest('helga@contoso.com', '000000'));
    expect(reply.output).toContain('Access-Reject');

    tui.send('4');
    await tui.waitFor('e2e-nas');
    await tui.waitFor('helga@contoso.com');
  });

  it('quits on q and restores the terminal', async () => {
    tui.send('q');
    const screen = await tui.waitFor('OATHDESK_EXIT=0');
    expect(screen).not.toContain('1 Uploads');
  });
});
