import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/clock.js';
import { importUsers } from '../../src/engine/directory/import-users.js';
import { Engine } from '../../src/engine/engine.js';
import { silentLogger } from '../../src/engine/logger.js';
import type { UploadSummary } from '../../src/engine/types.js';
import { csvFile, removeTempDirs, T0, tempDir } from './tenant.js';

const HEADER = 'upn,serial number,secret key,time interval,manufacturer,model';
const GOOD = 'helga@contoso.com,20000001,JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP,30,Token2,C202';
const BAD = 'nobody@contoso.com,20000002,KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU,30,Token2,C202';

let engine: Engine;
let clock: ManualClock;
let dataDir: string;

beforeEach(async () => {
  clock = new ManualClock(T0);
  dataDir = tempDir();
  engine = await Engine.open({ dataDir, clock, logger: silentLogger(), env: {} });
  const users = csvFile('upn,display name,user type\nhelga@contoso.com,Helga,member\n', 'u.csv');
  await importUsers(engine.context, users, 'test');
});
afterEach(async () => {
  await engine.close();
  removeTempDirs();
});

describe('UploadService', () => {
  it('queues a copy of the file and returns at once with status queued', async () => {
    const original = csvFile(`${HEADER}\n${GOOD}\n${BAD}\n`, 'batch 7.csv');
    const queued = await engine.uploads.queue(original, 'cli:root');
    expect(queued).toMatchObject({ status: 'queued', fileName: 'batch 7.csv', actor: 'cli:root' });
    expect(queued.expiresAt - queued.createdAt).toBe(30 * 24 * 3600 * 1000);

    fs.rmSync(original);
    await engine.uploads.whenIdle();
    const done = engine.uploads.get(queued.id);
    expect(done).toMatchObject({ status: 'completedWithErrors', rows: 2, imported: 1, failed: 1 });
    // The stored copy holds seeds in clear: it is gone once the upload is processed.
    expect(fs.readdirSync(path.join(dataDir, 'uploads'))).toEqual([]);
  });

  it('emits durable progress and a finished summary, and audits once per upload', async () => {
    const finished: UploadSummary[] = [];
    const progress: number[] = [];
    engine.events.on('uploadFinished', (summary) => finished.push(summary));
    engine.events.on('uploadProgress', (report) => progress.push(report.imported));

    const queued = await engine.uploads.queue(csvFile(`${HEADER}\n${GOOD}\n${BAD}\n`), 'cli:root');
    await engine.uploads.whenIdle();
    expect(finished.map((summary) => summary.id)).toEqual([queued.id]);
    expect(progress).toEqual([1]);
    expect(engine.uploads.progress(queued.id)).toMatchObject({ imported: 1, failed: 1 });

    const actions = engine.audit.query({}).map((entry) => entry.action);
    expect(actions.filter((action) => action.startsWith('upload'))).toEqual([
      'upload',
      'upload.queue',
    ]);
  });

  it('deletes a status with its failures, and refuses an unknown id', async () => {
    const queued = await engine.uploads.queue(csvFile(`${HEADER}\n${BAD}\n`), 'cli:root');
    await engine.uploads.whenIdle();
    expect(engine.uploads.failures(queued.id)).toHaveLength(1);

    await engine.uploads.delete(queued.id, 'cli:root');
    expect(engine.uploads.list()).toEqual([]);
    expect(engine.store.get('SELECT count(*) AS n FROM upload_failures')).toEqual({ n: 0 });
    expect(() => engine.uploads.get(queued.id)).toThrow(/no upload/);
  });

  it('purges statuses older than 30 days and keeps newer ones', async () => {
    const old = await engine.uploads.queue(csvFile(`${HEADER}\n${BAD}\n`), 'cli:root');
    await engine.uploads.whenIdle();
    clock.advance(29 * 24 * 3600 * 1000);
    const recent = await engine.uploads.queue(csvFile(`${HEADER}\n${GOOD}\n`), 'cli:root');
    await engine.uploads.whenIdle();

    clock.advance(2 * 24 * 3600 * 1000);
    expect(await engine.uploads.purgeExpired()).toBe(1);
    expect(engine.uploads.list().map((upload) => upload.id)).toEqual([recent.id]);
    expect(() => engine.uploads.get(old.id)).toThrow();
  });

  it('names the failures file after the upload and escapes spreadsheet formulas', async () => {
    const formula = '=1+2@contoso.com,20000003,JBSWY3DPEHPK3PXP,30,Token2,C202';
    const queued = await engine.uploads.queue(csvFile(`${HEADER}\n${formula}\n`, 'Q1.CSV'), 'a');
    await engine.uploads.whenIdle();
    const file = await engine.uploads.writeFailuresFile(queued.id, tempDir());
    expect(path.basename(file)).toBe('Failures_Q1.csv');
    expect(fs.readFileSync(file, 'utf8')).toContain(`'=1+2@contoso.com`);
  });

  it('refuses to queue a file that cannot be read, naming only that file', async () => {
    await expect(engine.uploads.queue('/nonexistent/tokens.csv', 'a')).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: 'cannot open /nonexistent/tokens.csv: ENOENT',
      exitCode: 2,
    });
    const dir = tempDir();
    await expect(engine.uploads.queue(dir, 'a')).rejects.toMatchObject({
      code: 'FILE_UNUSABLE',
      message: `cannot read ${dir}: EISDIR`,
      exitCode: 2,
    });
    expect(engine.uploads.list()).toEqual([]);
  });
});
