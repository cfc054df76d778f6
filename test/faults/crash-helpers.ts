// Files and waits for the crash test.
import fs from 'node:fs';
import path from 'node:path';
import type { AdminApi } from '../../src/engine/admin-api.js';
import { encodeBase32 } from '../../src/engine/otp/base32.js';
import type { UploadSummary } from '../../src/engine/types.js';
import type { Random } from '../support/prng.js';

/** The serial prefix of round `round`'s upload, distinct as text from every other round's. */
export function serialPrefix(round: number): string {
  return `R${String(round).padStart(3, '0')}-`;
}

export function serialOf(round: number, row: number): string {
  return serialPrefix(round) + String(row).padStart(6, '0');
}

/** An inventory upload (no UPN) of `rows` sound rows, serials in file order. */
export function uploadFile(dir: string, round: number, rows: number, random: Random): string {
  const file = path.join(dir, `u${round}.csv`);
  const lines = ['upn,serial number,secret key,time interval,manufacturer,model'];
  for (let row = 1; row <= rows; row++) {
    const key = Buffer.from(Array.from({ length: 20 }, () => Math.floor(random() * 256)));
    lines.push(`,${serialOf(round, row)},${encodeBase32(key)},30,Feitian,C200`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** Waits until no upload is queued or processing; fails naming the ones that stay. */
export async function waitUntilSettled(admin: AdminApi, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const uploads = await admin.listUploads();
    const busy = uploads.filter((u) => u.status === 'queued' || u.status === 'processing');
    if (busy.length === 0) return uploads;
    if (Date.now() > deadline) throw new Error(`uploads still busy: ${describe(busy)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function describe(uploads: UploadSummary[]): string {
  return uploads.map((u) => `${u.id} ${u.status} ${u.imported}/${u.rows}`).join(', ');
}

/** The admin interface with a time limit on every call, so a hung owner fails the test by name. */
export function withTimeouts(admin: AdminApi, timeoutMs: number): AdminApi {
  return new Proxy(admin, {
    get(target, method: string) {
      const call = target[method as keyof AdminApi] as (...args: unknown[]) => Promise<unknown>;
      return (...args: unknown[]) => {
        let timer: NodeJS.Timeout | undefined;
        const limit = new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`${method} got no answer in ${timeoutMs} ms`)),
            timeoutMs,
          );
        });
        return Promise.race([call(...args), limit]).finally(() => clearTimeout(timer));
      };
    },
  });
}
