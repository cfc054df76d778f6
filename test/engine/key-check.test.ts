import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { SecretBox } from '../../src/engine/crypto/secret-box.js';
import { silentLogger } from '../../src/engine/logger.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function open(dataDir: string, key?: string) {
  const env = key ? { OATHDESK_KEY: key } : {};
  return Engine.open({ dataDir, logger: silentLogger(), env, runsBackgroundJobs: false });
}

describe('the key a data directory was created with', () => {
  it('opens again with the same key', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oathdesk-key-'));
    dirs.push(dataDir);
    await (await open(dataDir)).close();
    await (await open(dataDir)).close();
  });

  it('refuses another key before anything is sealed with it, and releases the lock', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oathdesk-key-'));
    dirs.push(dataDir);
    await (await open(dataDir)).close();

    const other = crypto.randomBytes(32).toString('hex');
    await expect(open(dataDir, other)).rejects.toMatchObject({ code: 'KEY_MISMATCH', exitCode: 4 });
    // The refusal left the directory usable with its own key.
    await (await open(dataDir)).close();
  });
});

describe('a data directory whose secret.key was deleted', () => {
  it('is refused as KEY_MISMATCH, and no new key is left behind', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oathdesk-key-'));
    dirs.push(dataDir);
    await (await open(dataDir)).close();
    const keyFile = path.join(dataDir, 'secret.key');
    const key = fs.readFileSync(keyFile);
    fs.rmSync(keyFile);

    await expect(open(dataDir)).rejects.toMatchObject({
      code: 'KEY_MISMATCH',
      exitCode: 4,
      message: expect.stringContaining('secret.key is missing'),
    });
    expect(fs.existsSync(keyFile)).toBe(false);

    // The key put back opens it as before.
    fs.writeFileSync(keyFile, key, { mode: 0o600 });
    await (await open(dataDir)).close();
  });

  it('gets its key file written on first open, before the fingerprint that names it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oathdesk-key-'));
    dirs.push(dataDir);
    const engine = await open(dataDir);
    const written = fs.readFileSync(path.join(dataDir, 'secret.key'), 'utf8').trim();
    const box = SecretBox.fromKey(Buffer.from(written, 'hex'));
    const row = engine.store.get<{ value: string }>(
      "SELECT value FROM settings WHERE key = 'key.fingerprint'",
    );
    expect(row?.value).toBe(box.fingerprint());
    await engine.close();
  });
});

describe('a new data directory', () => {
  it('is owner-only, and so is every file in it', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'oathdesk-perm-'));
    dirs.push(parent);
    const dataDir = path.join(parent, 'data');
    const { createLogger } = await import('../../src/engine/logger.js');
    const engine = await Engine.open({ dataDir, logger: createLogger(dataDir), env: {} });
    await engine.close();

    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const name of fs.readdirSync(dataDir)) {
      const stat = fs.statSync(path.join(dataDir, name));
      if (stat.isFile()) expect([name, stat.mode & 0o077]).toEqual([name, 0]);
    }
  });
});
