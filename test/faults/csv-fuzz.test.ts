// Mangled and random CSV files through the real upload path. Each must end cleanly: a `failed`
// status whose reason names a line, or a finished upload whose every failed row has a reason;
// the process's peak memory must stay near that of a small upload, and the tokens imported
// before must be exactly as they were.
// OATHDESK_FUZZ_CSV_FILES (default 60) sets the number of seeded random mutations.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/clock.js';
import { importUsers } from '../../src/engine/directory/import-users.js';
import { Engine } from '../../src/engine/engine.js';
import { silentLogger } from '../../src/engine/logger.js';
import type { UploadSummary } from '../../src/engine/types.js';
import { runCli, tempDataDir } from '../support/cli.js';
import { runCliMeasured } from '../support/cli-rss.js';
import { envCount, prng, randomInt, type Random } from '../support/prng.js';
import { MANGLED, soundFile, USERS } from './csv-fuzz-files.js';

const MUTATIONS = envCount('OATHDESK_FUZZ_CSV_FILES', 60);
/** Peak memory allowed above that of a small upload; holding a 100 MiB line would exceed it. */
const MEMORY_HEADROOM_MIB = 80;
const EXIT_OF = { failed: 2, completedWithErrors: 3, completed: 0 } as Record<string, number>;

const root = tempDataDir('oathdesk-csv-fuzz-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function usersFile(): string {
  const file = path.join(root, 'users.csv');
  fs.writeFileSync(
    file,
    'upn,display name,user type\n' + USERS.map((u) => `${u},${u},member\n`).join(''),
  );
  return file;
}

/** What a file problem must look like in the status: its code, then a reason naming a line. */
function expectCleanFailure(upload: UploadSummary, code?: string, line?: number): void {
  expect(upload.status).toBe('failed');
  expect(upload.error).toMatch(/^FILE_[A-Z_]+: .{10,}/);
  if (code) expect(upload.error?.startsWith(code + ':')).toBe(true);
  if (code && code !== 'FILE_NOT_TEXT') expect(upload.error).toMatch(/line \d+/);
  if (line !== undefined) expect(upload.error).toContain(`line ${line} `);
}

describe('mangled CSV files through the CLI', () => {
  const dataDir = path.join(root, 'cli');
  let before = '';
  let baselineMiB = 0;

  beforeAll(async () => {
    fs.mkdirSync(dataDir);
    expect((await runCli(dataDir, ['users', 'import', usersFile()])).code).toBe(0);
    const sound = path.join(root, 'sound.csv');
    fs.writeFileSync(sound, soundFile(prng(1)));
    const first = await runCliMeasured(dataDir, ['upload', sound, '--wait', '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ status: 'completed', imported: 30 });
    baselineMiB = first.peakMiB;
    before = (await runCli(dataDir, ['tokens', '--json'])).stdout;
  }, 60_000);

  it.each(MANGLED)(
    'fails $name cleanly, keeps sound rows before it and memory bounded',
    async (mangled) => {
      const file = path.join(root, 'mangled.csv');
      mangled.write(file, prng(mangled.name.length));
      const result = await runCliMeasured(dataDir, ['upload', file, '--wait', '--json']);
      fs.rmSync(file);
      expect(result.stdout, `exit ${result.code}: ${result.stderr}`).toMatch(/^\{/);
      const upload = JSON.parse(result.stdout) as UploadSummary;

      expect(result.code).toBe(EXIT_OF[upload.status]);
      if (mangled.code === null) expect(upload.status).toBe('completed');
      else expectCleanFailure(upload, mangled.code, mangled.line);
      if (mangled.imported !== undefined) expect(upload.imported).toBe(mangled.imported);
      expect(result.peakMiB).toBeLessThan(baselineMiB + MEMORY_HEADROOM_MIB);
    },
    120_000,
  );

  it('leaves the tokens imported before exactly as they were', async () => {
    const now = JSON.parse((await runCli(dataDir, ['tokens', '--json'])).stdout) as {
      rows: { serial: string }[];
    };
    const base = now.rows.filter((token) => token.serial.startsWith('BASE'));
    expect(base).toEqual(
      (JSON.parse(before) as typeof now).rows.filter((t) => t.serial.startsWith('BASE')),
    );
    expect(base).toHaveLength(30);
    expect(fs.readdirSync(path.join(dataDir, 'uploads'))).toEqual([]);
  });
});

/** One seeded mangling of the sound file: bytes flipped, cut, doubled or swapped. */
function mutate(sound: Buffer, random: Random): Buffer {
  const bytes = Buffer.from(sound);
  const at = () => randomInt(random, bytes.length);
  const specials = [0x22, 0x2c, 0x3b, 0x0a, 0x0d, 0x00, 0xff, 0xc3, 0x09, 0x20];
  const steps = 1 + randomInt(random, 6);
  let out = bytes;
  for (let i = 0; i < steps; i++) {
    switch (randomInt(random, 5)) {
      case 0:
        out[at()] = randomInt(random, 256);
        break;
      case 1:
        out[at()] = specials[randomInt(random, specials.length)] as number;
        break;
      case 2:
        out = out.subarray(0, at());
        break;
      case 3: {
        const from = at();
        out = Buffer.concat([out.subarray(0, from), out.subarray(from, from + 200), out]);
        break;
      }
      default: {
        const from = at();
        out = Buffer.concat([
          out.subarray(0, from),
          out.subarray(from + 1 + randomInt(random, 40)),
        ]);
      }
    }
  }
  return out;
}

describe('seeded random manglings through the engine', () => {
  it('ends every upload with a reason and never changes the tokens imported before', async () => {
    const seed = envCount('OATHDESK_FUZZ_SEED', 97);
    const random = prng(seed);
    const dataDir = path.join(root, 'engine');
    fs.mkdirSync(dataDir);
    const engine = await Engine.open({
      dataDir,
      clock: new ManualClock(Date.parse('2025-06-01T00:00:00Z')),
      logger: silentLogger(),
      env: {},
    });
    const statuses = new Map<string, number>();
    try {
      const actor = 'cli:fuzz';
      await importUsers(engine.context, usersFile(), actor);
      const soundPath = path.join(root, 'engine-sound.csv');
      const sound = Buffer.from(soundFile(prng(seed + 1)));
      fs.writeFileSync(soundPath, sound);
      await engine.uploads.queue(soundPath, actor);
      await engine.uploads.whenIdle();
      const before = engine.tokens.list({ limit: 10_000 }).rows;

      for (let i = 0; i < MUTATIONS; i++) {
        const file = path.join(root, `mutation-${i}.csv`);
        fs.writeFileSync(file, mutate(sound, random));
        const queued = await engine.uploads.queue(file, actor);
        await engine.uploads.whenIdle();
        const upload = engine.uploads.get(queued.id);
        statuses.set(upload.status, (statuses.get(upload.status) ?? 0) + 1);

        const context = `seed ${seed}, mutation ${i}: ${JSON.stringify(upload)}`;
        expect(['completed', 'completedWithErrors', 'failed'], context).toContain(upload.status);
        expect(upload.error?.startsWith('INTERNAL'), context).not.toBe(true);
        if (upload.status === 'failed') expectCleanFailure(upload);
        for (const failure of engine.uploads.failures(upload.id)) {
          expect(failure.line, context).toBeGreaterThan(1);
          expect(failure.code, context).toMatch(/^[A-Z_]+$/);
          expect(failure.reason.length, context).toBeGreaterThan(5);
        }
        fs.rmSync(file);
      }

      // A mangled serial may add a token; every token from before must be there, unchanged.
      const known = new Set(before.map((token) => token.serial));
      const after = engine.tokens.list({ limit: 10_000 }).rows;
      expect(after.filter((token) => known.has(token.serial))).toEqual(before);
      console.log(
        `csv fuzz: seed ${seed}, ${MUTATIONS} manglings, ${JSON.stringify([...statuses])}`,
      );
    } finally {
      await engine.close();
    }
  }, 120_000);
});
