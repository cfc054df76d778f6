// A file the admin names that cannot be read or written answers exit 2 with a stable code, in
// text and in JSON, whether the command owns the data directory or reaches a running server.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startServer, tempDataDir } from '../support/cli.js';

let dataDir: string;
let work: string;

beforeAll(() => {
  dataDir = tempDataDir();
  work = tempDataDir('oathdesk-files-');
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

describe('file errors', () => {
  it('names a missing file FILE_NOT_FOUND, with the path, the errno and a hint', async () => {
    const missing = path.join(work, 'missing.csv');
    const result = await runCli(dataDir, ['users', 'import', missing]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toBe(
      `oathdesk: cannot open ${missing}: ENOENT [FILE_NOT_FOUND]\n` +
        '  hint: check the path; a file is written only into a directory that exists\n',
    );
  });

  it('gives the same code in JSON', async () => {
    const missing = path.join(work, 'no-such-dir', 'users.csv');
    const result = await runCli(dataDir, ['users', 'import', missing, '--json']);
    expect(result.code, result.stderr).toBe(2);
    expect(JSON.parse(result.stderr).error).toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: `cannot open ${missing}: ENOENT`,
    });
  });

  it('names a directory given for a file FILE_UNUSABLE', async () => {
    const result = await runCli(dataDir, ['users', 'import', work, '--json']);
    expect(result.code, result.stderr).toBe(2);
    expect(JSON.parse(result.stderr).error.code).toBe('FILE_UNUSABLE');
  });

  it('gives the code through the control socket too, not an internal error', async () => {
    const served = tempDataDir();
    const server = await startServer(served);
    try {
      const missing = path.join(work, 'missing.csv');
      const imported = await runCli(served, ['users', 'import', missing, '--json']);
      expect(imported.code, imported.stderr).toBe(2);
      expect(JSON.parse(imported.stderr).error.code).toBe('FILE_NOT_FOUND');

      const backup = await runCli(served, ['backup', path.join(work, 'no-such-dir', 'b.db')]);
      expect(backup.code, backup.stderr).toBe(2);
      expect(backup.stderr).toContain('ENOENT [FILE_NOT_FOUND]');
      // The admin's name for the file, not the temporary one written beside it.
      expect(backup.stderr).toContain(`cannot open ${path.join(work, 'no-such-dir', 'b.db')}: `);
      expect(backup.stderr).not.toContain('.tmp');
    } finally {
      await server.stop();
      fs.rmSync(served, { recursive: true, force: true });
    }
  });
});
