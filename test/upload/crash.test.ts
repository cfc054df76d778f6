import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { silentLogger } from '../../src/engine/logger.js';
import { serialOf, writeLargeFiles } from './generate.js';
import { openEngine, removeTempDirs, tempDir } from './tenant.js';
import { importUsers } from '../../src/engine/directory/import-users.js';

const ROWS = 60_000;
const CHILD = path.join(import.meta.dirname, 'kill-child.ts');

afterEach(() => removeTempDirs());

function presentSerials(engine: Engine, count: number): number {
  const row = engine.store.get<{ n: number }>(
    'SELECT count(*) AS n FROM tokens WHERE serial >= ? AND serial < ?',
    [serialOf(0), serialOf(count)],
  );
  return Number(row?.n ?? 0);
}

describe('an upload interrupted by a crash', () => {
  it('keeps every row reported imported after SIGKILL and resumes on reopen', async () => {
    const dir = tempDir();
    const users = path.join(dir, 'users.csv');
    const tokens = path.join(dir, 'tokens.csv');
    writeLargeFiles(users, tokens, ROWS);
    const dataDir = path.join(dir, 'data');

    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, users, tokens], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let reported = 0;
    let reports = 0;
    for await (const line of readline.createInterface({ input: child.stdout })) {
      const progress = JSON.parse(line) as { imported?: number; done?: boolean };
      expect(progress.done, 'the child was killed before the upload finished').toBeUndefined();
      reported = progress.imported ?? reported;
      if (++reports === 5) {
        child.kill('SIGKILL');
        break;
      }
    }
    await new Promise((resolve) => child.once('exit', resolve));
    expect(reported).toBeGreaterThan(0);
    expect(reported).toBeLessThan(ROWS);

    // Reopen without background jobs first: exactly what the crash left.
    const crashed = await Engine.open({
      dataDir,
      logger: silentLogger(),
      env: {},
      runsBackgroundJobs: false,
    });
    const [status] = crashed.uploads.list();
    expect(status?.status).toBe('processing');
    expect(status?.imported).toBeGreaterThanOrEqual(reported);
    expect(presentSerials(crashed, reported)).toBe(reported);
    await crashed.close();

    const resumed = await openEngine(dataDir);
    await resumed.uploads.whenIdle();
    expect(resumed.uploads.get(status?.id ?? '')).toMatchObject({
      status: 'completed',
      rows: ROWS,
      imported: ROWS,
      failed: 0,
    });
    expect(presentSerials(resumed, ROWS)).toBe(ROWS);
    await resumed.close();
  }, 240_000);

  it('resumes after the batch it had committed when the engine stops mid-upload', async () => {
    const dir = tempDir();
    const users = path.join(dir, 'users.csv');
    const tokens = path.join(dir, 'tokens.csv');
    writeLargeFiles(users, tokens, 10_000);
    const dataDir = path.join(dir, 'data');

    const engine = await openEngine(dataDir);
    await importUsers(engine.context, users, 'test');
    const stopped = new Promise<void>((resolve) =>
      engine.events.once('uploadProgress', () => resolve()),
    );
    const queued = await engine.uploads.queue(tokens, 'test');
    await stopped;
    await engine.close();

    const reopened = await openEngine(dataDir);
    const partial = reopened.uploads.get(queued.id);
    await reopened.uploads.whenIdle();
    const done = reopened.uploads.get(queued.id);
    expect(partial.imported).toBeLessThan(10_000);
    // Rows before the resume line are remembered, not re-imported: no false duplicates.
    expect(done).toMatchObject({ status: 'completed', imported: 10_000, failed: 0, unchanged: 0 });
    await reopened.close();
  }, 120_000);
});
