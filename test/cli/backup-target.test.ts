// `backup` writes only to a new name or over a regular file: a FIFO, a socket, a device or any
// symlink is refused (BACKUP_TARGET_INVALID, exit 2) with or without --force, and nothing is
// written. Through a running server the file is written by the server, which the text says.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startServer, tempDataDir } from '../support/cli.js';

let dataDir: string;
let work: string;

beforeAll(async () => {
  dataDir = tempDataDir();
  work = tempDataDir('oathdesk-backup-target-');
  const users = path.join(work, 'users.csv');
  fs.writeFileSync(users, 'upn,display name,user type\nana@example.com,Ana,member\n');
  expect((await runCli(dataDir, ['users', 'import', users])).code).toBe(0);
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

function fifo(name: string): string {
  const file = path.join(work, name);
  execFileSync('mkfifo', [file]);
  return file;
}

function refusal(target: string, what: string): string {
  return (
    `oathdesk: ${target} ${what}, not a regular file [BACKUP_TARGET_INVALID]\n` +
    '  hint: name a new file or an existing regular file; nothing was written\n'
  );
}

describe('backup target', () => {
  it('refuses a FIFO with and without --force, and leaves it a FIFO', async () => {
    const target = fifo('pipe');

    for (const extra of [[], ['--force']]) {
      const result = await runCli(dataDir, ['backup', target, ...extra]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(refusal(target, 'is a FIFO (named pipe)'));
    }
    expect(fs.lstatSync(target).isFIFO()).toBe(true);
    expect(fs.existsSync(`${target}.tmp`)).toBe(false);
  });

  it('refuses any symlink, to a regular file or to a FIFO, and changes neither', async () => {
    const real = path.join(work, 'real.db');
    fs.writeFileSync(real, 'keep me');
    const toFile = path.join(work, 'to-file.db');
    fs.symlinkSync(real, toFile);
    const toFifo = path.join(work, 'to-fifo.db');
    fs.symlinkSync(fifo('pipe2'), toFifo);

    const first = await runCli(dataDir, ['backup', toFile, '--force']);
    expect(first.code).toBe(2);
    expect(first.stderr).toBe(refusal(toFile, `is a symbolic link (to ${real})`));
    const second = await runCli(dataDir, ['backup', toFifo]);
    expect(second.stderr).toBe(refusal(toFifo, `is a symbolic link (to ${work}/pipe2)`));
    expect(fs.readlinkSync(toFile)).toBe(real);
    expect(fs.readFileSync(real, 'utf8')).toBe('keep me');
  });

  it('still replaces a regular file with --force, and says nothing more when local', async () => {
    const target = path.join(work, 'plain.db');
    fs.writeFileSync(target, 'old');
    const result = await runCli(dataDir, ['backup', target, '--force']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${target}\n`);
    expect(result.stderr).toBe('');
    expect(fs.readFileSync(target).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('through a running server: refuses a FIFO, notes who wrote a backup', async () => {
    const server = await startServer(dataDir);
    try {
      const target = fifo('pipe3');
      const refused = await runCli(dataDir, ['backup', target, '--force']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe(refusal(target, 'is a FIFO (named pipe)'));

      const file = path.join(work, 'served.db');
      const written = await runCli(dataDir, ['backup', file]);
      expect(written.code, written.stderr).toBe(0);
      expect(written.stdout).toBe(`${file}\n`);
      expect(written.stderr).toBe(
        'note: written by the running oathdesk server process, as its user and in its view ' +
          "of the file system (under systemd's PrivateTmp its /tmp is not yours)\n",
      );

      const json = await runCli(dataDir, ['backup', file, '--force', '--json']);
      expect(json.stderr).toBe('');
      expect(JSON.parse(json.stdout)).toEqual({ file, bytes: fs.statSync(file).size });
    } finally {
      await server.stop();
    }
  });
});
