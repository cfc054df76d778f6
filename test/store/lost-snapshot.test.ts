// A data directory used before whose snapshot is gone or empty is refused, and nothing is written:
// opening it used to start a new, empty database over the lost one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, Store } from '../../src/engine/store/store.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oathdesk-lost-'));
  dirs.push(dir);
  return dir;
}

/** Every name in `dir` with its size, to see that a refusal wrote nothing. */
function listing(dir: string): [string, number][] {
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => [name, fs.statSync(path.join(dir, name)).size]);
}

async function usedDir(): Promise<string> {
  const dir = tempDir();
  const store = await Store.open(dir);
  await store.write((tx) => tx.run("INSERT INTO settings (key, value) VALUES ('a', '1')"));
  await store.close();
  return dir;
}

describe('a data directory whose database is lost', () => {
  it('is refused as DATABASE_MISSING when its journal is left; nothing written', async () => {
    const dir = await usedDir();
    fs.rmSync(path.join(dir, 'oathdesk.db'));
    const before = listing(dir);

    await expect(Store.open(dir)).rejects.toMatchObject({
      code: 'DATABASE_MISSING',
      exitCode: 4,
      hint: expect.stringContaining('oathdesk restore FILE'),
    });
    expect(listing(dir)).toEqual(before);
  });

  it.each([['secret.key'], ['uploads']])(
    'is refused as DATABASE_MISSING when only %s is left',
    async (trace) => {
      const dir = tempDir();
      if (trace === 'uploads') fs.mkdirSync(path.join(dir, trace));
      else fs.writeFileSync(path.join(dir, trace), 'ab'.repeat(32) + '\n');

      await expect(Store.open(dir)).rejects.toMatchObject({ code: 'DATABASE_MISSING' });
      expect(fs.readdirSync(dir)).toEqual([trace]);
    },
  );

  it('is refused as DATABASE_CORRUPT when the snapshot is empty; it stays so', async () => {
    const dir = await usedDir();
    fs.truncateSync(path.join(dir, 'oathdesk.db'), 0);
    fs.rmSync(path.join(dir, JOURNAL_FILE));
    const before = listing(dir);

    await expect(Store.open(dir)).rejects.toMatchObject({ code: 'DATABASE_CORRUPT', exitCode: 4 });
    expect(listing(dir)).toEqual(before);
  });

  it('still opens as a new database in an empty or absent directory', async () => {
    const empty = tempDir();
    const absent = path.join(tempDir(), 'data');
    for (const dir of [empty, absent]) {
      const store = await Store.open(dir);
      expect(store.all('SELECT key FROM settings')).toEqual([]);
      await store.close();
      expect(fs.statSync(path.join(dir, 'oathdesk.db')).size).toBeGreaterThan(0);
    }
  });
});
