// A backup taken while an upload waits holds the database only. Restored into another directory,
// that upload must not be resumed from the backed-up directory's copy (the restored database used
// to name it by its absolute path): it ends failed, saying to upload the file again.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/clock.js';
import { importUsers } from '../../src/engine/directory/import-users.js';
import { Engine } from '../../src/engine/engine.js';
import { silentLogger } from '../../src/engine/logger.js';
import { restoreSnapshot } from '../../src/engine/store/restore.js';
import { csvFile, removeTempDirs, T0, tempDir } from './tenant.js';

const HEADER = 'upn,serial number,secret key,time interval,manufacturer,model';
const GOOD = 'helga@contoso.com,20000001,JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP,30,Token2,C202';

afterEach(() => removeTempDirs());

function open(dataDir: string, runsBackgroundJobs: boolean): Promise<Engine> {
  const clock = new ManualClock(T0);
  return Engine.open({ dataDir, clock, logger: silentLogger(), env: {}, runsBackgroundJobs });
}

/** A directory with one upload left `status`, its backup, and a restored copy of that backup. */
async function restoredWithWaitingUpload(status: 'queued' | 'processing') {
  const original = tempDir();
  const engine = await open(original, false);
  const users = csvFile('upn,display name,user type\nhelga@contoso.com,Helga,member\n', 'u.csv');
  await importUsers(engine.context, users, 'test');
  const { id } = await engine.uploads.queue(csvFile(`${HEADER}\n${GOOD}\n`), 'cli:root');
  await engine.store.write((tx) =>
    tx.run('UPDATE uploads SET status = ? WHERE id = ?', [status, id]),
  );
  const backup = path.join(tempDir('oathdesk-backup-'), 'backup.db');
  engine.store.backupTo(backup);
  const fingerprint = engine.context.box.fingerprint();
  await engine.close();

  const restored = tempDir();
  fs.copyFileSync(path.join(original, 'secret.key'), path.join(restored, 'secret.key'));
  await restoreSnapshot(restored, backup, fingerprint);
  return { id, original, restored };
}

describe('an upload waiting in a restored backup', () => {
  it.each([['processing' as const], ['queued' as const]])(
    'ends failed as UPLOAD_FILE_MISSING when %s, never reading the original copy',
    async (status) => {
      const { id, original, restored } = await restoredWithWaitingUpload(status);
      const originalCopy = path.join(original, 'uploads', `${id}.csv`);
      expect(fs.existsSync(originalCopy)).toBe(true);

      const engine = await open(restored, true);
      await engine.uploads.whenIdle();
      const upload = engine.uploads.get(id);
      const tokens = engine.store.get<{ n: number }>('SELECT count(*) AS n FROM tokens');
      await engine.close();

      expect(upload.status).toBe('failed');
      expect(upload.error).toMatch(/^UPLOAD_FILE_MISSING: .*; upload the file again$/);
      expect(tokens?.n).toBe(0);
      // The original directory's copy was neither read nor removed.
      expect(fs.existsSync(originalCopy)).toBe(true);
    },
  );

  it('resumes from its own uploads/ copy when that was restored with it', async () => {
    const { id, original, restored } = await restoredWithWaitingUpload('processing');
    fs.mkdirSync(path.join(restored, 'uploads'));
    fs.renameSync(
      path.join(original, 'uploads', `${id}.csv`),
      path.join(restored, 'uploads', `${id}.csv`),
    );

    const engine = await open(restored, true);
    await engine.uploads.whenIdle();
    expect(engine.uploads.get(id)).toMatchObject({ status: 'completed', imported: 1 });
    await engine.close();
    expect(fs.readdirSync(path.join(restored, 'uploads'))).toEqual([]);
  });
});
