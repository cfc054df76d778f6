// What the CLI does with a data directory that is empty, or was used before and lost its
// database: it refuses (exit 4) and writes nothing, instead of quietly starting a new database.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli.js';

let work: string;
let used: string;
let backup: string;
const made: string[] = [];

function dir(): string {
  const created = tempDataDir();
  made.push(created);
  return created;
}

/** The names in `dir` with their sizes and, for secret.key, its content. */
function listing(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      const content = name === 'secret.key' ? fs.readFileSync(file, 'utf8') : '';
      return `${name} ${fs.statSync(file).size} ${content}`;
    });
}

beforeAll(async () => {
  work = dir();
  used = dir();
  const users = path.join(work, 'users.csv');
  fs.writeFileSync(users, 'upn,display name,user type\nana@example.com,Ana,member\n');
  expect((await runCli(used, ['users', 'import', users])).code).toBe(0);
  backup = path.join(work, 'backup.db');
  expect((await runCli(used, ['backup', backup])).code).toBe(0);
});

afterAll(() => made.forEach((created) => fs.rmSync(created, { recursive: true, force: true })));

/** A copy of the used directory's key and journal, without its database. */
function withoutDatabase(): string {
  const target = dir();
  for (const name of ['secret.key', 'oathdesk.journal']) {
    fs.copyFileSync(path.join(used, name), path.join(target, name));
  }
  return target;
}

describe('a data directory without a database', () => {
  it('refuses a read-only command on an existing empty directory, creating nothing', async () => {
    const empty = dir();
    const result = await runCli(empty, ['tokens']);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('[DATA_DIR_EMPTY]');
    expect(result.stderr).toContain('users import');
    expect(fs.readdirSync(empty)).toEqual([]);
  });

  it.each([
    ['a read', 'users'],
    ['a write', 'users import'],
  ])(
    'refuses %s (`%s`) as DATABASE_MISSING when the directory was used before',
    async (_kind, command) => {
      const target = withoutDatabase();
      const before = listing(target);
      const args = command.split(' ');
      if (command === 'users import') args.push(path.join(work, 'users.csv'));

      const result = await runCli(target, args);
      expect(result.code).toBe(4);
      expect(result.stderr).toContain('[DATABASE_MISSING]');
      expect(result.stderr).toContain('oathdesk restore FILE');
      // The log file may be started; nothing else is written, no database and no other key.
      expect(listing(target).filter((line) => !line.startsWith('oathdesk.log '))).toEqual(before);
    },
  );

  it('refuses an empty (0-byte) database as DATABASE_CORRUPT, leaving it as it was', async () => {
    const target = withoutDatabase();
    fs.writeFileSync(path.join(target, 'oathdesk.db'), '');
    const result = await runCli(target, ['users', '--json']);
    expect(result.code).toBe(4);
    expect(JSON.parse(result.stderr).error.code).toBe('DATABASE_CORRUPT');
    expect(fs.statSync(path.join(target, 'oathdesk.db')).size).toBe(0);
  });

  it('takes a restore into a directory that lost its database, and then reads it', async () => {
    const target = withoutDatabase();
    expect((await runCli(target, ['restore', backup])).code).toBe(0);
    const users = await runCli(target, ['users', '--json']);
    expect(users.code).toBe(0);
    expect(users.stdout).toContain('ana@example.com');
  });
});
