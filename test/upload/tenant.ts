// A test engine holding the tenant of the shared cases (c00-tenant-fixture.json): its users, the
// OATH methods they already have and Karl's activated token 60234599.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src/engine/clock.js';
import { importUsers } from '../../src/engine/directory/import-users.js';
import { Engine } from '../../src/engine/engine.js';
import { silentLogger } from '../../src/engine/logger.js';
import type { UploadSummary } from '../../src/engine/types.js';

export const CASES = path.resolve(import.meta.dirname, '../fixtures/cases');
/** 2025-01-01T00:00:00Z, the time base of every case. */
export const T0 = 1_735_689_600_000;

interface Fixture {
  users: { upn: string; userType: string; existingOathMethods: number }[];
  existingTokens: {
    serialNumber: string;
    assignedTo: string;
    manufacturer: string;
    model: string;
  }[];
}

const dirs: string[] = [];

export function tempDir(prefix = 'oathdesk-upload-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export async function openEngine(dataDir = tempDir()): Promise<Engine> {
  return Engine.open({ dataDir, clock: new ManualClock(T0), logger: silentLogger(), env: {} });
}

/** An engine with the c00 tenant: users, their existing methods, Karl's token. */
export async function openTenant(): Promise<Engine> {
  const engine = await openEngine();
  const fixture = JSON.parse(
    fs.readFileSync(path.join(CASES, 'c00-tenant-fixture.json'), 'utf8'),
  ) as Fixture;

  const usersCsv = path.join(tempDir('oathdesk-users-'), 'users.csv');
  const lines = fixture.users.map((u) => `${u.upn},${u.upn.split('@')[0]},${u.userType}`);
  fs.writeFileSync(usersCsv, ['upn,display name,user type', ...lines].join('\n'));
  await importUsers(engine.context, usersCsv, 'test');

  const { box, store, directory } = engine.context;
  await store.write((tx) => {
    for (const user of fixture.users) {
      const id = directory.find(user.upn, tx)?.id;
      for (let n = 0; n < user.existingOathMethods; n++) {
        insertToken(tx, `app-${user.upn}-${n}`, 'software', id ?? null, 'activated', box);
      }
    }
    for (const token of fixture.existingTokens) {
      const id = directory.find(token.assignedTo, tx)?.id ?? null;
      insertToken(tx, token.serialNumber, 'hardware', id, 'activated', box);
    }
  });
  return engine;
}

type Box = Engine['context']['box'];
type Tx = Parameters<Parameters<Engine['context']['store']['write']>[0]>[0];

function insertToken(
  tx: Tx,
  serial: string,
  kind: string,
  userId: number | null,
  status: string,
  box: Box,
) {
  tx.run(
    `INSERT INTO tokens (serial, kind, user_id, status, secret, algorithm, digits,
     interval_seconds, manufacturer, model, created_at)
     VALUES (?, ?, ?, ?, ?, 'SHA1', 6, 30, ?, ?, ?)`,
    [serial, kind, userId, status, box.seal(crypto.randomBytes(20), 'seed'), 'Token2', 'C202', T0],
  );
}

/** Queues a file and waits until the background worker has processed it. */
export async function upload(engine: Engine, file: string): Promise<UploadSummary> {
  const queued = await engine.uploads.queue(file, 'test');
  await engine.uploads.whenIdle();
  return engine.uploads.get(queued.id);
}

/** Writes `text` to a file named `name` in a temp dir and returns its path. */
export function csvFile(text: string, name = 'tokens.csv'): string {
  const file = path.join(tempDir('oathdesk-csv-'), name);
  fs.writeFileSync(file, text);
  return file;
}

export interface StoredToken {
  serial: string;
  kind: string;
  status: string;
  upn: string | null;
  algorithm: string;
  digits: number;
  interval_seconds: number;
  manufacturer: string;
  model: string;
  upload_id: string | null;
  keyHex: string;
}

export function token(engine: Engine, serial: string): StoredToken | undefined {
  const row = engine.store.get<Omit<StoredToken, 'keyHex'> & { secret: Uint8Array }>(
    `SELECT t.serial, t.kind, t.status, u.upn, t.algorithm, t.digits, t.interval_seconds,
     t.manufacturer, t.model, t.upload_id, t.secret FROM tokens t
     LEFT JOIN users u ON u.id = t.user_id WHERE t.serial = ?`,
    [serial],
  );
  if (!row) return undefined;
  const { secret, ...rest } = row;
  return { ...rest, keyHex: engine.context.box.open(secret, 'seed').toString('hex') };
}
