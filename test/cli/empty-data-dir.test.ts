// An empty data directory value never means the working directory: an empty OATHDESK_DATA counts
// as unset (./data), and `--data ""` is a USAGE error (exit 2) that writes nothing.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, tempDataDir, type CliResult } from '../support/cli.js';

let work: string;

beforeEach(() => {
  work = tempDataDir('oathdesk-empty-data-');
  fs.writeFileSync(
    path.join(work, 'users.csv'),
    'upn,display name,user type\nana@example.com,Ana,member\n',
  );
});

afterEach(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

/** The real binary run in `work`, with OATHDESK_DATA set to `dataEnv`. */
function runIn(args: string[], dataEnv: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const env = { ...process.env, NO_COLOR: '1', OATHDESK_DATA: dataEnv };
    // A `serve` that wrongly starts is killed rather than left running.
    const options = { cwd: work, env, timeout: 20_000 };
    execFile(process.execPath, [BIN, ...args], options, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('empty data directory value', () => {
  it('treats an empty OATHDESK_DATA as unset: ./data, not the working directory', async () => {
    const result = await runIn(['users', 'import', 'users.csv'], '');
    expect(result.code, result.stderr).toBe(0);
    expect(fs.readdirSync(work).sort()).toEqual(['data', 'users.csv']);
    expect(fs.existsSync(path.join(work, 'data', 'secret.key'))).toBe(true);
  });

  it('refuses --data "" as USAGE, exit 2, and writes nothing', async () => {
    const result = await runIn(['--data', '', 'users', 'import', 'users.csv'], '');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'oathdesk: the data directory may not be empty (--data "") [USAGE]\n' +
        '  hint: give --data a directory, or leave it out for $OATHDESK_DATA, else ./data\n',
    );
    expect(fs.readdirSync(work)).toEqual(['users.csv']);
  });

  it('refuses --data "" for serve as well', async () => {
    const result = await runIn(['--data', '', 'serve', '--listen', '127.0.0.1:0'], '/nonexistent');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('[USAGE]');
    expect(fs.readdirSync(work)).toEqual(['users.csv']);
  });
});
