import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, Store } from '../../src/engine/store/store.js';
import { SNAPSHOT_FILE } from '../../src/engine/store/snapshot.js';

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A directory whose journal holds settings a, b and c (the store was not closed). */
async function journalOfThree(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oathdesk-journal-'));
  dirs.push(dir);
  const store = await Store.open(dir);
  for (const key of ['a', 'b', 'c']) {
    await store.write((tx) =>
      tx.run('INSERT INTO settings (key, value) VALUES (?, ?)', [key, key]),
    );
  }
  return dir;
}

const keys = (store: Store) => store.all('SELECT key FROM settings ORDER BY key');

describe('a damaged journal', () => {
  it('is refused when a bad record has more records after it, and nothing is changed', async () => {
    const dir = await journalOfThree();
    const journal = path.join(dir, JOURNAL_FILE);
    const bytes = fs.readFileSync(journal);
    bytes.writeUInt8(bytes.readUInt8(34) ^ 0x5a, 34); // inside the first record's payload
    fs.writeFileSync(journal, bytes);
    const snapshot = fs.readFileSync(path.join(dir, SNAPSHOT_FILE));

    await expect(Store.open(dir)).rejects.toMatchObject({ code: 'JOURNAL_CORRUPT' });
    expect(fs.readFileSync(journal).equals(bytes)).toBe(true);
    expect(fs.readFileSync(path.join(dir, SNAPSHOT_FILE)).equals(snapshot)).toBe(true);
  });

  it.each([
    ['its magic is damaged', (bytes: Buffer) => bytes.writeUInt8(0x21, 2)],
    ['its generation is damaged', (bytes: Buffer) => bytes.writeUInt8(bytes[8]! ^ 0xff, 8)],
    ['it is cut inside its header', (bytes: Buffer) => bytes.subarray(0, 5)],
  ])('is refused when %s, and nothing is changed', async (_why, damage) => {
    const dir = await journalOfThree();
    const journal = path.join(dir, JOURNAL_FILE);
    const bytes = fs.readFileSync(journal);
    const damaged = damage(bytes);
    fs.writeFileSync(journal, Buffer.isBuffer(damaged) ? damaged : bytes);
    const written = fs.readFileSync(journal);

    await expect(Store.open(dir)).rejects.toMatchObject({ code: 'JOURNAL_CORRUPT' });
    expect(fs.readFileSync(journal).equals(written)).toBe(true);
  });

  it('is refused when it was deleted from a directory with a database', async () => {
    const dir = await journalOfThree();
    fs.rmSync(path.join(dir, JOURNAL_FILE));

    await expect(Store.open(dir)).rejects.toMatchObject({ code: 'JOURNAL_CORRUPT' });
    expect(fs.existsSync(path.join(dir, JOURNAL_FILE))).toBe(false);
  });

  it('drops zeros a crash left at its end, and keeps what is written after', async () => {
    const dir = await journalOfThree();
    fs.appendFileSync(path.join(dir, JOURNAL_FILE), Buffer.alloc(18));

    const reopened = await Store.open(dir);
    expect(keys(reopened)).toEqual([{ key: 'a' }, { key: 'b' }, { key: 'c' }]);
    expect(reopened.droppedJournalBytes).toBe(18);
    await reopened.write((tx) => tx.run("INSERT INTO settings (key, value) VALUES ('d', 'd')"));

    const again = await Store.open(dir);
    expect(keys(again)).toHaveLength(4);
    await again.close();
  });

  it('drops a last record whose bytes did not all reach the disk', async () => {
    const dir = await journalOfThree();
    const journal = path.join(dir, JOURNAL_FILE);
    const bytes = fs.readFileSync(journal);
    bytes.fill(0, bytes.length - 5); // the file had grown, the end of the write had not landed
    fs.writeFileSync(journal, bytes);

    const reopened = await Store.open(dir);
    expect(keys(reopened)).toEqual([{ key: 'a' }, { key: 'b' }]);
    await reopened.close();
  });

  it('starts a fresh journal after a torn first record, so later writes are not lost', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oathdesk-journal-'));
    dirs.push(dir);
    const store = await Store.open(dir);
    await store.write((tx) => tx.run("INSERT INTO settings (key, value) VALUES ('a', 'a')"));
    const journal = path.join(dir, JOURNAL_FILE);
    fs.truncateSync(journal, fs.statSync(journal).size - 3);

    const reopened = await Store.open(dir);
    expect(keys(reopened)).toEqual([]);
    await reopened.write((tx) => tx.run("INSERT INTO settings (key, value) VALUES ('b', 'b')"));

    const again = await Store.open(dir);
    expect(keys(again)).toEqual([{ key: 'b' }]);
    await again.close();
  });
});
