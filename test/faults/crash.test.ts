// Crash safety: `oathdesk serve` is killed with SIGKILL at seeded random moments while NASes sign
// users in and an upload runs, then restarted. After every restart the data directory opens, no
// accepted code works a second time, every row an upload reported imported is there, and no
// upload is left `processing`.
// OATHDESK_FAULT_ROUNDS (default 20) sets the number of kills, OATHDESK_FAULT_SEED the seed.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { socketPath } from '../../src/app/control-protocol.js';
import { connectSocket, remoteAdmin } from '../../src/app/remote-admin.js';
import type { AdminApi } from '../../src/engine/admin-api.js';
import { startServer, tempDataDir, type RunningServer } from '../support/cli.js';
import { envCount, prng, randomInt } from '../support/prng.js';
import { ACCESS_ACCEPT, ACCESS_REJECT, RadiusUdpClient } from '../support/radius-udp.js';
import { codeAt, prepareSignInTenant, type SignInUser } from '../support/sign-in-tenant.js';
import {
  serialOf,
  serialPrefix,
  uploadFile,
  waitUntilSettled,
  withTimeouts,
} from './crash-helpers.js';

const ROUNDS = envCount('OATHDESK_FAULT_ROUNDS', 20);
const SEED = envCount('OATHDESK_FAULT_SEED', 20260601);
/** Fresh users signed in per round at most; each user gets one fresh code in the whole run. */
const USERS_PER_ROUND = 40;
const UPLOAD_ROWS = envCount('OATHDESK_FAULT_UPLOAD_ROWS', 6000);
const IN_FLIGHT = 8;

interface Accepted {
  user: SignInUser;
  code: string;
}

const root = tempDataDir('oathdesk-crash-');
const dataDir = path.join(root, 'data');
fs.mkdirSync(dataDir);

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function openAdmin(): Promise<{ admin: AdminApi; close(): void }> {
  const remote = remoteAdmin(await connectSocket(socketPath(dataDir)), 'cli:crash-test');
  return { admin: withTimeouts(remote.admin, 15_000), close: () => remote.close() };
}

/** Signs users in, IN_FLIGHT at a time, until the list ends or `isKilled` turns true. */
async function signInLoad(
  nas: RadiusUdpClient,
  port: number,
  users: SignInUser[],
  isKilled: () => boolean,
): Promise<Accepted[]> {
  const accepted: Accepted[] = [];
  let next = 0;
  const lane = async () => {
    while (!isKilled() && next < users.length) {
      const user = users[next++] as SignInUser;
      const code = codeAt(user.key, Date.now());
      const answer = await nas.signIn(port, user.upn, code);
      if (answer === ACCESS_ACCEPT) accepted.push({ user, code });
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return accepted;
}

interface Reported {
  round: number;
  /** The largest `imported` count the server reported for the upload. */
  imported: number;
}

/** Polls an upload's progress through the control socket until stopped. */
function watchUpload(admin: AdminApi, id: string, seen: Reported) {
  let isStopped = false;
  const loop = (async () => {
    while (!isStopped) {
      const progress = await admin.uploadProgress(id).catch(() => null);
      if (progress) seen.imported = Math.max(seen.imported, progress.imported);
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  })();
  return async () => {
    isStopped = true;
    await loop;
  };
}

/**
 * Waits for the moment of the kill: in half the rounds a random time, in the other half just
 * after the upload first reported rows imported (so that some kills land between batches).
 */
async function killMoment(random: () => number, seen: Reported): Promise<void> {
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  if (random() < 0.5) return sleep(100 + randomInt(random, 1400));

  const deadline = Date.now() + 4000;
  while (seen.imported === 0 && Date.now() < deadline) await sleep(5);
  await sleep(randomInt(random, 15));
}

async function checkAfterRestart(
  admin: AdminApi,
  nas: RadiusUdpClient,
  port: number,
  replays: Accepted[],
  reported: Map<string, Reported>,
): Promise<void> {
  const since = Date.now();
  const answers = await Promise.all(
    replays.map(({ user, code }) => nas.signIn(port, user.upn, code)),
  );
  expect(answers.filter((answer) => answer !== ACCESS_REJECT)).toEqual([]);
  const refused = await admin.audit({ since, text: 'code already used', limit: 10_000 });
  const replayed = new Set(refused.map((entry) => entry.upn));
  expect(replays.filter(({ user }) => !replayed.has(user.upn)).map((r) => r.user.upn)).toEqual([]);

  for (const [id, { round, imported }] of reported) {
    const upload = await admin.getUpload(id);
    expect(upload.imported).toBeGreaterThanOrEqual(imported);
    if (imported === 0) continue;
    const listed = await admin.listTokens({ text: serialPrefix(round), limit: 10_000 });
    const serials = new Set(listed.rows.map((token) => token.serial));
    const missing = Array.from({ length: imported }, (_, i) => serialOf(round, i + 1)).filter(
      (serial) => !serials.has(serial),
    );
    expect(missing).toEqual([]);
  }

  const settled = await waitUntilSettled(admin, 20_000);
  for (const upload of settled) {
    expect(['completed', 'completedWithErrors', 'failed']).toContain(upload.status);
    if (upload.status === 'failed') expect(upload.error).toMatch(/\w/);
  }
}

describe('crash safety', () => {
  it('keeps accepted steps, imported rows and upload statuses across SIGKILLs', async () => {
    const random = prng(SEED);
    const tenant = await prepareSignInTenant(dataDir, ROUNDS * USERS_PER_ROUND);
    const nas = await RadiusUdpClient.open(tenant.clientSecret);
    const reported = new Map<string, Reported>();
    let replays: Accepted[] = [];
    let accepts = 0;
    let midUpload = 0;
    let server: RunningServer | null = null;

    try {
      for (let round = 0; round <= ROUNDS; round++) {
        server = await startServer(dataDir);
        const remote = await openAdmin();
        await checkAfterRestart(remote.admin, nas, server.port, replays, reported);
        if (round === ROUNDS) {
          remote.close();
          break;
        }

        const file = uploadFile(root, round, UPLOAD_ROWS, random);
        const upload = await remote.admin.upload(file);
        const seen: Reported = { round, imported: 0 };
        reported.set(upload.id, seen);
        const stopWatching = watchUpload(remote.admin, upload.id, seen);
        let isKilled = false;
        const users = tenant.users.slice(round * USERS_PER_ROUND, (round + 1) * USERS_PER_ROUND);
        const load = signInLoad(nas, server.port, users, () => isKilled);

        await killMoment(random, seen);
        const child = server.child;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
        isKilled = true;
        nas.abandonAll();
        replays = await load;
        accepts += replays.length;
        await stopWatching();
        remote.close();
        if (seen.imported > 0 && seen.imported < UPLOAD_ROWS) midUpload++;
      }
    } finally {
      nas.close();
      await server?.stop();
    }

    console.log(
      `crash: seed ${SEED}, ${ROUNDS} kills, ${accepts} accepts replayed after restart,` +
        ` ${midUpload} kills in the middle of an upload, forged responses ${nas.forged}`,
    );
    expect(nas.forged).toBe(0);
    expect(accepts).toBeGreaterThan(ROUNDS);
    expect(midUpload).toBeGreaterThan(0);
  }, 180_000);
});
