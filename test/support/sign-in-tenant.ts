// A data directory with many users who can sign in at once: users imported and tokens uploaded
// through the real CSV paths, each token activated with its own code, and one RADIUS client.
// Activation runs on a manual clock some hours in the past, 200 per five minutes (the tenant
// limit), so that the tokens sign in at real time afterwards.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { OwnerRuntime } from '../../src/app/owner-runtime.js';
import { ManualClock } from '../../src/engine/clock.js';
import { silentLogger } from '../../src/engine/logger.js';
import { encodeBase32 } from '../../src/engine/otp/base32.js';
import { totpCode } from '../../src/engine/otp/hotp.js';

export interface SignInUser {
  upn: string;
  serial: string;
  key: Buffer;
}

export interface SignInTenant {
  users: SignInUser[];
  clientSecret: string;
}

const ACTOR = 'cli:fault-test';
const ACTIVATIONS_PER_WINDOW = 200;
const WINDOW_MS = 5 * 60_000 + 1000;

/** The six-digit SHA-1 code of `key` for the 30 s step at `nowMs`. */
export function codeAt(key: Buffer, nowMs: number): string {
  return totpCode(key, nowMs, 30, 6, 'SHA1');
}

export async function prepareSignInTenant(
  dataDir: string,
  count: number,
  clientSecret = randomBytes(18).toString('base64'),
): Promise<SignInTenant> {
  const users: SignInUser[] = Array.from({ length: count }, (_, i) => ({
    upn: `user${String(i).padStart(5, '0')}@contoso.com`,
    serial: `SN${String(i).padStart(8, '0')}`,
    key: randomBytes(20),
  }));
  const usersFile = path.join(dataDir, '..', `${path.basename(dataDir)}-users.csv`);
  const tokensFile = path.join(dataDir, '..', `${path.basename(dataDir)}-tokens.csv`);
  fs.writeFileSync(
    usersFile,
    'upn,display name,user type\n' + users.map((u) => `${u.upn},${u.upn},member\n`).join(''),
  );
  fs.writeFileSync(
    tokensFile,
    'upn,serial number,secret key,time interval,manufacturer,model\n' +
      users.map((u) => `${u.upn},${u.serial},${encodeBase32(u.key)},30,Feitian,C200\n`).join(''),
  );

  const clock = new ManualClock(Date.now() - 6 * 3600_000);
  const runtime = await OwnerRuntime.start({
    dataDir,
    listen: null,
    clock,
    env: {},
    logger: silentLogger(),
    hasControlSocket: false,
  });
  try {
    const admin = runtime.admin(ACTOR);
    await admin.importUsers(usersFile);
    const upload = await admin.upload(tokensFile);
    await runtime.engine.uploads.whenIdle();
    const done = await admin.getUpload(upload.id);
    if (done.imported !== count) throw new Error(`setup upload: ${JSON.stringify(done)}`);

    for (let i = 0; i < users.length; i++) {
      if (i > 0 && i % ACTIVATIONS_PER_WINDOW === 0) clock.advance(WINDOW_MS);
      const user = users[i] as SignInUser;
      const decision = await admin.activate(user.serial, codeAt(user.key, clock.now()));
      if (!decision.isAccepted) throw new Error(`setup activation: ${JSON.stringify(decision)}`);
    }
    await admin.addClient({
      name: 'faultnas',
      address: '127.0.0.1',
      secret: clientSecret,
      messageAuthenticator: 'require',
    });
  } finally {
    await runtime.close();
    fs.rmSync(usersFile, { force: true });
    fs.rmSync(tokensFile, { force: true });
  }
  return { users, clientSecret };
}
