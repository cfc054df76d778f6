// An upload interrupted in a stopped data directory: a command that only reads must leave it as
// it is (no minutes of processing, no writes) and say once, on stderr, who will resume it; the
// commands meant to process uploads (`upload`, serve) still resume it.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importUsers } from '../../src/engine/directory/import-users.js';
import { Engine } from '../../src/engine/engine.js';
import { silentLogger } from '../../src/engine/logger.js';
import type { UploadSummary } from '../../src/engine/types.js';
import { runCli, startServer, tempDataDir } from '../support/cli.js';
import { writeLargeFiles } from '../upload/generate.js';

const ROWS = 10_000;
const RESUMES = '`oathdesk serve` or the TUI runs, or with the next `oathdesk upload`';
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A stopped data directory whose upload of ROWS rows was stopped after its first batch. */
async function withInterruptedUpload() {
  const work = tempDataDir('oathdesk-interrupted-');
  dirs.push(work);
  const users = path.join(work, 'users.csv');
  const tokens = path.join(work, 'tokens.csv');
  writeLargeFiles(users, tokens, ROWS);
  const dataDir = path.join(work, 'data');

  const engine = await Engine.open({ dataDir, logger: silentLogger(), env: {} });
  await importUsers(engine.context, users, 'test');
  const firstBatch = new Promise((resolve) => engine.events.once('uploadProgress', resolve));
  const { id } = await engine.uploads.queue(tokens, 'test');
  await firstBatch;
  await engine.close();
  return { work, dataDir, id };
}

async function showUpload(dataDir: string, id: string): Promise<UploadSummary> {
  const shown = await runCli(dataDir, ['uploads', 'show', id, '--json']);
  expect(shown.code).toBe(0);
  return JSON.parse(shown.stdout) as UploadSummary;
}

describe('an interrupted upload in a stopped data directory', () => {
  it('is left alone by commands that read, each noting once on stderr who resumes it', async () => {
    const { dataDir, id } = await withInterruptedUpload();
    const before = await showUpload(dataDir, id);
    expect(before.status).toBe('processing');
    expect(before.imported).toBeGreaterThan(0);
    expect(before.imported).toBeLessThan(ROWS);
    const note =
      `note: upload ${id} ('tokens.csv') was interrupted after ${before.rows} rows; ` +
      `it resumes when ${RESUMES}\n`;

    const listed = await runCli(dataDir, ['uploads']);
    expect(listed).toMatchObject({ code: 0, stderr: note });
    expect(listed.stdout).toMatch(new RegExp(`^${id} +tokens\\.csv +processing `, 'm'));

    const tokens = await runCli(dataDir, ['tokens', '--json']);
    expect(tokens).toMatchObject({ code: 0, stderr: note });
    expect((JSON.parse(tokens.stdout) as { total: number }).total).toBe(before.imported);

    const audit = await runCli(dataDir, ['audit', '--json']);
    expect(audit).toMatchObject({ code: 0, stderr: note });
    const actions = (JSON.parse(audit.stdout) as { action: string }[]).map((e) => e.action);
    expect(actions).not.toContain('upload.finish');

    // Nothing was processed or written: the same counts, and the stored copy still waits.
    expect(await showUpload(dataDir, id)).toEqual(before);
    expect(fs.readdirSync(path.join(dataDir, 'uploads'))).toEqual([`${id}.csv`]);
  }, 60_000);

  it('keeps the note out of a failing command under --json, and in plain text', async () => {
    const { dataDir, id } = await withInterruptedUpload();
    const { rows } = await showUpload(dataDir, id);

    const json = await runCli(dataDir, ['uploads', 'show', 'nosuchid', '--json']);
    expect(json.code).toBe(1);
    const { error } = JSON.parse(json.stderr) as { error: { code: string } };
    expect(error.code).toBe('UPLOAD_NOT_FOUND');

    const text = await runCli(dataDir, ['uploads', 'show', 'nosuchid']);
    expect(text.code).toBe(1);
    expect(text.stderr.split('\n')[0]).toBe(
      `note: upload ${id} ('tokens.csv') was interrupted after ${rows} rows; ` +
        `it resumes when ${RESUMES}`,
    );
  }, 60_000);

  it('is noted as queued when it never started', async () => {
    const work = tempDataDir('oathdesk-queued-');
    dirs.push(work);
    const dataDir = path.join(work, 'data');
    const file = path.join(work, 'queued.csv');
    fs.writeFileSync(file, 'upn,serial number,secret key,time interval,manufacturer,model\n');
    const engine = await Engine.open({
      dataDir,
      logger: silentLogger(),
      env: {},
      runsBackgroundJobs: false,
    });
    const { id } = await engine.uploads.queue(file, 'test');
    await engine.close();

    const listed = await runCli(dataDir, ['uploads', '--json']);
    expect(listed.code).toBe(0);
    expect(listed.stderr).toBe(
      `note: upload ${id} ('queued.csv') is queued; it is processed when ${RESUMES}\n`,
    );
    expect(JSON.parse(listed.stdout)).toMatchObject([{ id, status: 'queued' }]);
  });

  it('is resumed by `upload --wait` before the upload it queues', async () => {
    const { work, dataDir, id } = await withInterruptedUpload();
    const another = path.join(work, 'another.csv');
    fs.writeFileSync(
      another,
      'upn,serial number,secret key,time interval,manufacturer,model\n' +
        'user0@bench.example,40000001,JBSWY3DPEHPK3PXP,30,Token2,C202\n',
    );

    const uploaded = await runCli(dataDir, ['upload', another, '--wait', '--json']);
    expect(uploaded.code).toBe(0);
    expect(uploaded.stderr).toBe('');
    expect(JSON.parse(uploaded.stdout)).toMatchObject({ status: 'completed', imported: 1 });
    expect(await showUpload(dataDir, id)).toMatchObject({
      status: 'completed',
      rows: ROWS,
      imported: ROWS,
      failed: 0,
    });

    const listed = await runCli(dataDir, ['uploads']);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(fs.readdirSync(path.join(dataDir, 'uploads'))).toEqual([]);
  }, 60_000);

  it('is resumed by `oathdesk serve`', async () => {
    const { dataDir, id } = await withInterruptedUpload();
    const server = await startServer(dataDir);
    try {
      let upload = await showUpload(dataDir, id);
      for (let tries = 0; upload.status === 'processing' && tries < 300; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        upload = await showUpload(dataDir, id);
      }
      expect(upload).toMatchObject({ status: 'completed', imported: ROWS, failed: 0 });
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 60_000);
});
