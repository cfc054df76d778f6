import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importUsers } from '../../src/engine/directory/import-users.js';
import type { Engine } from '../../src/engine/engine.js';
import { openEngine, removeTempDirs, tempDir, token, upload } from './tenant.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../samples');

let engine: Engine;
beforeEach(async () => {
  engine = await openEngine();
  await importUsers(engine.context, path.join(SAMPLES, 'users.csv'), 'test');
});
afterEach(async () => {
  await engine.close();
  removeTempDirs();
});

describe('the samples', () => {
  it('imports the official example row for Helga with its 60 second interval', async () => {
    const summary = await upload(engine, path.join(SAMPLES, 'tokens-official-example.csv'));
    expect(summary).toMatchObject({ status: 'completed', imported: 1, failed: 0 });
    expect(token(engine, '1234567')).toMatchObject({
      upn: 'helga@contoso.com',
      interval_seconds: 60,
      status: 'assigned',
      manufacturer: 'Contoso',
    });
  });

  it('imports the sound rows of the vendor batch and gives the others a reason', async () => {
    const summary = await upload(engine, path.join(SAMPLES, 'tokens-vendor-batch.csv'));
    const failures = engine.uploads.failures(summary.id);

    expect(summary).toMatchObject({ status: 'completedWithErrors', rows: 28, imported: 15 });
    expect(Object.fromEntries(failures.map((failure) => [failure.line, failure.code]))).toEqual({
      10: 'USER_NOT_FOUND',
      11: 'USER_GUEST',
      12: 'USER_DISABLED',
      13: 'UPN_DOMAIN_FORM',
      14: 'SECRET_BAD_CHAR',
      15: 'INTERVAL_INVALID',
      16: 'INTERVAL_INVALID',
      17: 'SERIAL_DUPLICATE_IN_FILE',
      18: 'SERIAL_EXPONENT',
      19: 'VENDOR_MISSING',
      20: 'SECRET_MISSING',
      26: 'USER_METHOD_LIMIT',
      27: 'SECRET_TOO_LONG',
    });
    for (const failure of failures) expect(failure.reason.length).toBeGreaterThan(10);

    expect(token(engine, '70310002')?.manufacturer).toBe('Token2, Inc.');
    expect(token(engine, '0000481516')).toMatchObject({ status: 'available', upn: null });
    expect(token(engine, '70310005')?.upn).toBe('juergen.mueller@fabrikam.com');
  });

  it('writes a failures file with a reason on every failed line and no secret', async () => {
    const summary = await upload(engine, path.join(SAMPLES, 'tokens-vendor-batch.csv'));
    const file = await engine.uploads.writeFailuresFile(summary.id, tempDir());
    expect(path.basename(file)).toBe('Failures_tokens-vendor-batch.csv');

    const text = fs.readFileSync(file, 'utf8');
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('line number,upn,serial number,error code,reason,hint');
    expect(lines).toHaveLength(1 + summary.failed);

    const source = fs.readFileSync(path.join(SAMPLES, 'tokens-vendor-batch.csv'), 'utf8');
    for (const row of source.split(/\r?\n/).slice(1)) {
      const secret = row.split(',')[2];
      if (secret && secret.length >= 16) expect(text).not.toContain(secret);
    }
  });
});
