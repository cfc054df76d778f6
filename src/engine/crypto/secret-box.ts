// Seeds and RADIUS shared secrets are sealed at rest with AES-256-GCM. The key comes from
// OATHDESK_KEY (64 hex characters) or from `secret.key` in the data directory, created with mode
// 0600 on first run. Whoever holds the key file and the database holds the seeds: back them up
// separately.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AdminError, EXIT } from '../errors.js';
import { SealWorker } from './seal-worker.js';

export const KEY_FILE = 'secret.key';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** IVs are cut from a pool of random bytes: one getrandom call per 4,096 seals, not per seal. */
const IV_POOL_BYTES = IV_BYTES * 4096;

export class SecretBox {
  private ivPool = Buffer.alloc(0);
  private ivOffset = 0;

  private constructor(
    private readonly key: Buffer,
    /** Where a key made for a new directory goes once the directory accepted it. */
    private unsavedKeyFile: string | null = null,
  ) {}

  private nextIv(): Buffer {
    if (this.ivOffset + IV_BYTES > this.ivPool.length) {
      this.ivPool = crypto.randomBytes(IV_POOL_BYTES);
      this.ivOffset = 0;
    }
    const iv = this.ivPool.subarray(this.ivOffset, this.ivOffset + IV_BYTES);
    this.ivOffset += IV_BYTES;
    return iv;
  }

  static fromKey(key: Buffer): SecretBox {
    if (key.length !== 32) throw new Error('a secret box key is 32 bytes');
    return new SecretBox(key);
  }

  /**
   * The key from the environment, else the data directory's key file. When the file is missing a
   * new key is made but not written: `saveNewKey` writes it once the directory has accepted it,
   * so a refused open leaves no stray key behind.
   */
  static forDirectory(dir: string, env: NodeJS.ProcessEnv = process.env): SecretBox {
    const fromEnv = env.OATHDESK_KEY?.trim();
    if (fromEnv) {
      if (!/^[0-9a-fA-F]{64}$/.test(fromEnv)) {
        throw new AdminError(
          'BAD_KEY',
          'OATHDESK_KEY must be 64 hexadecimal characters (32 bytes)',
          EXIT.unavailable,
          'generate one with: openssl rand -hex 32',
        );
      }
      return new SecretBox(Buffer.from(fromEnv, 'hex'));
    }
    const file = path.join(dir, KEY_FILE);
    const key = readKeyFile(file);
    return key ? new SecretBox(key) : new SecretBox(crypto.randomBytes(32), file);
  }

  /** True when the key was just made for a directory without a key file, and is not saved yet. */
  isUnsaved(): boolean {
    return this.unsavedKeyFile !== null;
  }

  /** Writes a key made by `forDirectory` to its file (mode 0600); a key read in stays as it is. */
  saveNewKey(): void {
    if (this.unsavedKeyFile === null) return;
    const fd = fs.openSync(this.unsavedKeyFile, 'wx', 0o600);
    try {
      fs.writeSync(fd, this.key.toString('hex') + '\n');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    this.unsavedKeyFile = null;
  }

  /** Names the key without revealing it: the same key always gives the same fingerprint. */
  fingerprint(): string {
    return crypto.createHmac('sha256', this.key).update('oathdesk key check v1').digest('hex');
  }

  /** `purpose` binds a sealed value to its use: a seed cannot be passed off as a client secret. */
  seal(plain: Buffer, purpose: string): Buffer {
    // Each IV is used once: the pool is consumed, never rewound.
    const iv = this.nextIv();
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(purpose));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  /** A worker thread sealing with this key, for bulk work; close it when done. */
  sealWorker(): SealWorker {
    return new SealWorker(this.key);
  }

  open(sealed: Uint8Array, purpose: string): Buffer {
    const data = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, data.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(data.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new AdminError(
        'KEY_MISMATCH',
        'a stored secret cannot be decrypted with this key',
        EXIT.unavailable,
        'use the secret.key (or OATHDESK_KEY) that this data directory was created with',
      );
    }
  }
}

function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (!/^[0-9a-fA-F]{64}$/.test(text)) {
    throw new AdminError('BAD_KEY', `${file} is not a 64-character hex key`, EXIT.unavailable);
  }
  return Buffer.from(text, 'hex');
}
