import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isInSqliteMemory, openDatabase } from '../../src/engine/store/sqljs.js';
import { Store } from '../../src/engine/store/store.js';

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  // If a sql.js upgrade breaks the way the handle is swapped, the store still works but the
  // server's commits stall again while the file grows: this test is what notices.
  it('keeps pages in SQLite memory with the pinned sql.js', async () => {
    const db = await openDatabase();
    expect(isInSqliteMemory(db)).toBe(true);
    expect(db.exec('PRAGMA database_list')[0]?.values[0]).toEqual([0, 'main', '']);
    db.close();
  });

  it('loads a database file and exports it again unchanged in content', async () => {
    const db = await openDatabase();
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    for (let i = 0; i < 5_000; i++) insert.run([`value ${i}`]);
    insert.free();
    const bytes = db.export();

    const copy = await openDatabase(bytes);
    expect(isInSqliteMemory(copy)).toBe(true);
    expect(copy.exec('SELECT count(*), max(v) FROM t')[0]?.values[0]).toEqual([5_000, 'value 999']);
    // A statement prepared before an export still works after it (nothing was closed).
    const count = copy.prepare('SELECT count(*) FROM t');
    copy.export();
    expect(count.step()).toBe(true);
    expect(count.get()).toEqual([5_000]);
    count.free();
    db.close();
    copy.close();
  });

  it('refuses bytes that are not a database', async () => {
    await expect(openDatabase(Buffer.alloc(8192, 0x41))).rejects.toThrow(/not a database/);
  });
});

describe('Store on openDatabase', () => {
  it('opens its snapshot into SQLite memory', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oathdesk-sqljs-'));
    dirs.push(dir);
    const store = await Store.open(dir);
    await store.close();

    const reopened = await Store.open(dir);
    expect(isInSqliteMemory((reopened as unknown as { db: never }).db)).toBe(true);
    await reopened.close();
  });
});
