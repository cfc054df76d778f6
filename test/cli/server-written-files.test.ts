// Through a running server, a file a command writes is written by the server process (its user,
// its view of the file system): the text form prints the path and says so on stderr; without a
// server nothing more is said. JSON output is unchanged.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, startServer, tempDataDir, type RunningServer } from '../support/cli.js';

const NOTE =
  'note: written by the running oathdesk server process, as its user and in its view of the ' +
  "file system (under systemd's PrivateTmp its /tmp is not yours)\n";

let dataDir: string;
let work: string;
let uploadId: string;
let server: RunningServer;

beforeAll(async () => {
  dataDir = tempDataDir();
  work = tempDataDir('oathdesk-server-files-');
  const users = path.join(ROOT, 'samples', 'users.csv');
  expect((await runCli(dataDir, ['users', 'import', users])).code).toBe(0);
  const tokens = path.join(ROOT, 'samples', 'tokens-vendor-batch.csv');
  const upload = await runCli(dataDir, ['upload', tokens, '--wait', '--json']);
  expect(upload.code, upload.stderr).toBe(3);
  uploadId = (JSON.parse(upload.stdout) as { id: string }).id;
});

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

describe('files written by a running server', () => {
  it('failures -o without a server prints the path and no note', async () => {
    const local = path.join(work, 'local');
    fs.mkdirSync(local);
    const result = await runCli(dataDir, ['failures', uploadId, '-o', local]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${path.join(local, 'Failures_tokens-vendor-batch.csv')}\n`);
    expect(result.stderr).toBe('');
  });

  it('failures -o through a server prints the path and notes the server wrote it', async () => {
    server = await startServer(dataDir);
    const result = await runCli(dataDir, ['failures', uploadId, '-o', work]);
    expect(result.code, result.stderr).toBe(0);
    const file = path.join(work, 'Failures_tokens-vendor-batch.csv');
    expect(result.stdout).toBe(`${file}\n`);
    expect(result.stderr).toBe(NOTE);
    expect(fs.existsSync(file)).toBe(true);
  });
});
