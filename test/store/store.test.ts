import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, Store } from '../../src/engine/store/store.js';

const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oathdesk-store-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function addSetting(store: Store, key: string, value: string): Promise<void> {
  return store.write((tx) =>
    tx.run('INSERT INTO settings (key, value) VALUES (?, ?)', [key, value]),
  );
}

describe('Store', () => {
  it('keeps acknowledged writes after a clean close and reopen', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    await addSetting(store, 'a', '1');
    await store.close();

    const reopened = await Store.open(dir);
    expect(reopened.get('SELECT value FROM settings WHERE key = ?', ['a'])).toEqual({ value: '1' });
    await reopened.close();
  });

  it('replays the journal when the process stopped without closing', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    await addSetting(store, 'a', '1');
    await store.write((tx) => {
      tx.run('UPDATE settings SET value = ? WHERE key = ?', ['2', 'a']);
      tx.run('INSERT INTO settings (key, value) VALUES (?, ?)', ['blob', 'x']);
    });
    // No close: as after SIGKILL. Our own pid holds the lock, which a reopen takes over.

    const reopened = await Store.open(dir);
    expect(reopened.all('SELECT key, value FROM settings ORDER BY key')).toEqual([
      { key: 'a', value: '2' },
      { key: 'blob', value: 'x' },
    ]);
    await reopened.close();
  });

  it('keeps binary parameters exact through the journal', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    const blob = Buffer.from([0, 1, 2, 250, 255]);
    await store.write((tx) =>
      tx.run(
        `INSERT INTO clients (name, address, secret, message_authenticator, created_at)
         VALUES (?, ?, ?, 'require', 0)`,
        ['vpn', '127.0.0.1', blob],
      ),
    );

    const reopened = await Store.open(dir);
    const row = reopened.get<{ secret: Uint8Array }>('SELECT secret FROM clients');
    expect(Buffer.from(row!.secret)).toEqual(blob);
    await reopened.close();
  });

  it('ignores a torn record at the end of the journal', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    await addSetting(store, 'a', '1');
    await addSetting(store, 'b', '2');
    const journal = path.join(dir, JOURNAL_FILE);
    fs.truncateSync(journal, fs.statSync(journal).size - 3);

    const reopened = await Store.open(dir);
    expect(reopened.all('SELECT key FROM settings ORDER BY key')).toEqual([{ key: 'a' }]);
    await reopened.close();
  });

  it('rolls back a transaction that throws and journals nothing of it', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    expect(() =>
      store.write((tx) => {
        tx.run('INSERT INTO settings (key, value) VALUES (?, ?)', ['a', '1']);
        throw new Error('rule broken');
      }),
    ).toThrow('rule broken');

    expect(store.all('SELECT * FROM settings')).toEqual([]);
    const reopened = await Store.open(dir);
    expect(reopened.all('SELECT * FROM settings')).toEqual([]);
    await reopened.close();
  });

  it('compacts the journal into a snapshot when it grows past its bound', async () => {
    const dir = tempDir();
    const store = await Store.open(dir, { compactBytes: 4096 });
    for (let i = 0; i < 200; i++) await addSetting(store, `k${i}`, 'v'.repeat(50));
    expect(fs.statSync(path.join(dir, JOURNAL_FILE)).size).toBeLessThan(8192);

    const reopened = await Store.open(dir);
    expect(reopened.get('SELECT count(*) AS n FROM settings')).toEqual({ n: 200 });
    await reopened.close();
  });

  it('acknowledges many concurrent writes with few fsyncs and loses none', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    await Promise.all(Array.from({ length: 500 }, (_, i) => addSetting(store, `k${i}`, 'v')));

    const reopened = await Store.open(dir);
    expect(reopened.get('SELECT count(*) AS n FROM settings')).toEqual({ n: 500 });
    await reopened.close();
  });

  it('refuses a second owner of the data directory with a clear message', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'oathdesk.lock'), `${process.ppid}\n`);
    await expect(Store.open(dir)).rejects.toThrow(/in use by process/);
  });
});

describe('Store compaction held off for bulk work', () => {
  it('compacts once when the hold is released, and keeps every write', async () => {
    const dir = tempDir();
    const store = await Store.open(dir, { compactBytes: 4096 });
    const release = store.holdCompaction();
    for (let i = 0; i < 200; i++) await addSetting(store, `k${i}`, 'v'.repeat(50));
    expect(fs.statSync(path.join(dir, JOURNAL_FILE)).size).toBeGreaterThan(8192);

    release();
    await store.compact();
    expect(fs.statSync(path.join(dir, JOURNAL_FILE)).size).toBeLessThan(8192);
    await store.close();

    const reopened = await Store.open(dir);
    expect(reopened.get('SELECT count(*) AS n FROM settings')).toEqual({ n: 200 });
    await reopened.close();
  });
});
