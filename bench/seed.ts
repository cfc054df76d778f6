// Fills a data directory quickly, straight through the store (not the upload pipeline, which has
// its own benchmark): members `user<i>@bench.example`, each with one activated hardware token whose
// seed the caller knows, and an optional RADIUS client on loopback.
import crypto from 'node:crypto';
import { ClientService } from '../src/engine/clients/client-service.js';
import { Engine } from '../src/engine/engine.js';
import { silentLogger } from '../src/engine/logger.js';

export const BENCH_DOMAIN = 'bench.example';
export const BENCH_CLIENT_SECRET = 'bench-shared-secret-0123456789';

/** Rows per transaction: one journal record must stay far below V8's string limit. */
const CHUNK = 25_000;

export interface SeedOptions {
  users: number;
  /** Seal every token with this one seed (start-up figures need rows, not distinct keys). */
  isSeedShared?: boolean;
  /** Add the client `bench` at 127.0.0.1 with BENCH_CLIENT_SECRET (Message-Authenticator required). */
  hasLoopbackClient?: boolean;
}

export function upnOf(index: number): string {
  return `user${index}@${BENCH_DOMAIN}`;
}

/** Opens an engine on `dataDir`, seeds it and closes it (the close folds it into a snapshot). */
export async function seedDataDir(dataDir: string, options: SeedOptions): Promise<Buffer[]> {
  const engine = await Engine.open({
    dataDir,
    logger: silentLogger(),
    env: {},
    runsBackgroundJobs: false,
  });
  try {
    const keys = await seedUsers(engine, options.users, options.isSeedShared ?? false);
    if (options.hasLoopbackClient) {
      await new ClientService(engine.context).add(
        {
          name: 'bench',
          address: '127.0.0.1',
          secret: BENCH_CLIENT_SECRET,
          messageAuthenticator: 'require',
        },
        'cli:bench',
      );
    }
    return keys;
  } finally {
    await engine.close();
  }
}

async function seedUsers(engine: Engine, users: number, isSeedShared: boolean) {
  const box = engine.context.box;
  const shared = crypto.randomBytes(20);
  const sharedSealed = box.seal(shared, 'seed');
  const keys: Buffer[] = [];

  for (let start = 0; start < users; start += CHUNK) {
    const end = Math.min(users, start + CHUNK);
    await engine.store.write((tx) => {
      for (let i = start; i < end; i++) {
        const key = isSeedShared ? shared : crypto.randomBytes(20);
        keys.push(key);
        const upn = upnOf(i);
        tx.run(
          `INSERT INTO users (id, upn, upn_key, display_name, user_type, enabled, created_at)
           VALUES (?, ?, ?, ?, 'member', 1, 0)`,
          [i + 1, upn, upn, `User ${i}`],
        );
        tx.run(
          `INSERT INTO tokens (serial, kind, user_id, status, secret, algorithm, digits,
             interval_seconds, manufacturer, model, created_at, activated_at)
           VALUES (?, 'hardware', ?, 'activated', ?, 'SHA1', 6, 30, 'Bench', 'B1', 0, 0)`,
          [
            `B${String(i).padStart(9, '0')}`,
            i + 1,
            isSeedShared ? sharedSealed : box.seal(key, 'seed'),
          ],
        );
      }
    });
  }
  return keys;
}
