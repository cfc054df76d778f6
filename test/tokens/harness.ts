// A real engine on a temporary directory with a frozen clock, and small helpers that put users
// and tokens straight into the store (the CSV upload is tested on its own).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src/engine/clock.js';
import { Engine } from '../../src/engine/engine.js';
import { silentLogger } from '../../src/engine/logger.js';
import { decodeBase32Lenient, normalizeBase32 } from '../../src/engine/otp/base32.js';
import { totpCode, type Digits } from '../../src/engine/otp/hotp.js';
import type { HashAlgorithm, TokenStatus } from '../../src/engine/types.js';

export const T0 = Date.parse('2025-01-01T00:00:00Z');
export const ADMIN = 'cli:test';
export const NAS = 'nas:vpn1';

export class Harness {
  readonly clock = new ManualClock(T0);
  engine!: Engine;
  private constructor(readonly dir: string) {}

  static async open(): Promise<Harness> {
    const harness = new Harness(fs.mkdtempSync(path.join(os.tmpdir(), 'oathdesk-tokens-')));
    await harness.reopen();
    return harness;
  }

  async reopen(): Promise<void> {
    this.engine = await Engine.open({
      dataDir: this.dir,
      clock: this.clock,
      logger: silentLogger(),
      env: {},
      runsBackgroundJobs: false,
    });
  }

  async close(): Promise<void> {
    await this.engine.close();
  }

  async dispose(): Promise<void> {
    await this.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  get tokens() {
    return this.engine.tokens;
  }

  at(iso: string): void {
    this.clock.set(Date.parse(iso));
  }

  async addUser(
    upn: string,
    options: { guest?: boolean; enabled?: boolean } = {},
  ): Promise<number> {
    return this.engine.store.write((tx) => {
      tx.run(
        `INSERT INTO users (upn, upn_key, display_name, user_type, enabled, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [
          upn,
          upn.toLowerCase(),
          upn,
          options.guest ? 'guest' : 'member',
          options.enabled === false ? 0 : 1,
          T0,
        ],
      );
      return Number(tx.get<{ id: number }>('SELECT last_insert_rowid() AS id')?.id);
    });
  }

  /** Seals `secret` (Base32) into a token row, as an upload would. */
  async addToken(token: TestToken): Promise<void> {
    const sealed = this.engine.context.box.seal(keyOf(token.secret), 'seed');
    await this.engine.store.write((tx) => {
      const user = token.upn
        ? tx.get<{ id: number }>('SELECT id FROM users WHERE upn_key = ?', [
            token.upn.toLowerCase(),
          ])
        : undefined;
      if (token.upn && user === undefined) throw new Error(`no test user ${token.upn}`);
      const status = token.status ?? (token.upn ? 'assigned' : 'available');
      tx.run(
        `INSERT INTO tokens (serial, kind, user_id, status, enabled, secret, algorithm, digits,
           interval_seconds, manufacturer, model, offset_steps, last_step, created_at)
         VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, 'Token2', 'C202', ?, ?, ?)`,
        [
          token.serial,
          token.kind ?? 'hardware',
          user?.id ?? null,
          status,
          sealed,
          token.algorithm ?? 'SHA1',
          token.digits ?? 6,
          token.interval ?? 30,
          token.offsetSteps ?? 0,
          token.lastStep ?? null,
          this.clock.now(),
        ],
      );
    });
  }

  /** Where the durable state of a token stands. */
  tokenState(serial: string) {
    return this.engine.store.get<{
      status: string;
      offset_steps: number;
      last_step: number | null;
    }>('SELECT status, offset_steps, last_step FROM tokens WHERE serial = ?', [serial]);
  }
}

export interface TestToken {
  serial: string;
  secret: string;
  upn?: string;
  status?: TokenStatus;
  kind?: 'hardware' | 'software';
  interval?: 30 | 60;
  digits?: Digits;
  algorithm?: HashAlgorithm;
  offsetSteps?: number;
  lastStep?: number;
}

export function keyOf(secret: string): Buffer {
  const normalized = normalizeBase32(secret);
  if (!normalized.ok) throw new Error(`bad test secret: ${normalized.reason}`);
  return decodeBase32Lenient(normalized.value);
}

/** The code a token with `secret` shows at `ms` when its clock is `skewSeconds` ahead. */
export function codeAt(secret: string, ms: number, skewSeconds = 0, interval: 30 | 60 = 30) {
  return totpCode(keyOf(secret), ms + skewSeconds * 1000, interval, 6, 'SHA1');
}

export function fixture<T>(name: string): T {
  const file = new URL(`../fixtures/cases/${name}`, import.meta.url);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}
