// Under --json a failing command prints one JSON object on stderr, with the exit code it has
// without --json; without --json the text stays as admins know it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDataDir, type CliResult } from '../support/cli.js';

let dataDir: string;

beforeAll(async () => {
  // A directory set up by a write command: commands that only read refuse an empty one.
  dataDir = tempDataDir();
  const users = path.join(dataDir, 'users.csv');
  fs.writeFileSync(users, 'upn,display name,user type\nana@example.com,Ana,member\n');
  expect((await runCli(dataDir, ['users', 'import', users])).code).toBe(0);
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The one JSON object on stderr; fails when there is anything else. */
function jsonError(result: CliResult): { code: string; message: string; hint: string | null } {
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  const parsed = JSON.parse(lines[0] ?? '') as {
    error: { code: string; message: string; hint: string | null };
  };
  expect(Object.keys(parsed)).toEqual(['error']);
  expect(Object.keys(parsed.error)).toEqual(['code', 'message', 'hint']);
  return parsed.error;
}

describe('errors under --json', () => {
  it('prints a refusal as one JSON object with its code, message and hint', async () => {
    const result = await runCli(dataDir, ['tokens', '--status', 'bogus', '--json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(jsonError(result)).toEqual({
      code: 'STATUS_INVALID',
      message: "--status 'bogus' is not a token status",
      hint: 'use one of: available, assigned, activated, failedActivation, disabled',
    });
  });

  it('keeps the text form without --json', async () => {
    const result = await runCli(dataDir, ['tokens', '--status', 'bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "oathdesk: --status 'bogus' is not a token status [STATUS_INVALID]\n" +
        '  hint: use one of: available, assigned, activated, failedActivation, disabled\n',
    );
  });

  it('keeps exit 1 for a refusal', async () => {
    const result = await runCli(dataDir, ['token', '999999', '--json']);
    expect(result.code).toBe(1);
    expect(jsonError(result)).toMatchObject({
      code: 'TOKEN_NOT_FOUND',
      message: "no token with serial '999999'",
    });
  });

  it('keeps exit 4 for a data directory that does not exist', async () => {
    const result = await runCli(path.join(dataDir, 'typo'), ['users', '--json']);
    expect(result.code).toBe(4);
    expect(jsonError(result).code).toBe('DATA_DIR_MISSING');
  });

  it('prints bad usage as a USAGE error without the help text', async () => {
    const result = await runCli(dataDir, ['clients', 'add', '--json']);
    expect(result.code).toBe(2);
    expect(jsonError(result)).toMatchObject({
      code: 'USAGE',
      message: "required option '--address <ip|cidr>' not specified",
    });

    const text = await runCli(dataDir, ['clients', 'add']);
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/^error: required option '--address <ip\|cidr>' not specified\n/);
    expect(text.stderr).toContain('Usage: oathdesk clients add');
  });

  it('prints an unknown command or an option a command lacks as a USAGE error too', async () => {
    // `serve --json` is a USAGE error too, with its own reason: see json-results.test.ts.
    for (const args of [
      ['bogus', '--json'],
      ['attach', '--json'],
    ]) {
      const result = await runCli(dataDir, args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(jsonError(result)).toMatchObject({
        code: 'USAGE',
        message: "unknown option '--json'",
      });
    }

    const text = await runCli(dataDir, ['bogus']);
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/^error: too many arguments/);
    expect(text.stderr).toContain('Usage: oathdesk');
  });

  it('leaves a --json after -- to the command as an argument', async () => {
    const result = await runCli(dataDir, ['users', 'import', '--', '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^oathdesk: cannot open \S*--json: ENOENT \[FILE_NOT_FOUND\]\n/);
  });
});
