// Benchmark of a large hardware token upload: generates a users file and a token file of `rows`
// rows (four tokens per user, random Base32 seeds), times raw csv-parse over the token file, then
// imports the users and times the upload through the engine. Peak RSS is sampled during upload.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { importUsers } from '../src/engine/directory/import-users.js';
import { Engine } from '../src/engine/engine.js';
import { silentLogger } from '../src/engine/logger.js';
import { encodeBase32 } from '../src/engine/otp/base32.js';

export interface UploadBenchResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  /** User + system CPU seconds of the process (main and worker threads) during the upload. */
  cpuSeconds?: number;
  csvParseRowsPerSecond: number;
}

const TOKENS_PER_USER = 4;

export async function benchUpload(rows: number): Promise<UploadBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oathdesk-bench-'));
  try {
    const { usersFile, tokensFile } = await generateFiles(dir, rows);
    const csvParseRowsPerSecond = await rawParseRate(tokensFile);

    const engine = await Engine.open({
      dataDir: path.join(dir, 'data'),
      logger: silentLogger(),
      env: {},
    });
    try {
      await importUsers(engine.context, usersFile, 'bench');

      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const queued = await engine.uploads.queue(tokensFile, 'bench');
      await engine.uploads.whenIdle();
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      clearInterval(sampler);

      const summary = engine.uploads.get(queued.id);
      if (summary.imported !== rows) {
        throw new Error(`bench upload imported ${summary.imported} of ${rows} rows`);
      }
      return {
        rows,
        seconds: round(seconds),
        rowsPerSecond: Math.round(rows / seconds),
        peakRssMb: Math.round(peak / 1024 / 1024),
        cpuSeconds: round((cpu.user + cpu.system) / 1e6),
        csvParseRowsPerSecond,
      };
    } finally {
      await engine.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function generateFiles(dir: string, rows: number) {
  const usersFile = path.join(dir, 'users.csv');
  const tokensFile = path.join(dir, 'tokens.csv');
  const userCount = Math.ceil(rows / TOKENS_PER_USER);

  const users = fs.createWriteStream(usersFile);
  users.write('upn,display name,user type\n');
  for (let u = 0; u < userCount; u++)
    await write(users, `user${u}@bench.example,User ${u},member\n`);
  users.end();
  await once(users, 'finish');

  const tokens = fs.createWriteStream(tokensFile);
  tokens.write('upn,serial number,secret key,time interval,manufacturer,model\n');
  const seeds = crypto.randomBytes(20 * rows);
  for (let r = 0; r < rows; r++) {
    const seed = encodeBase32(seeds.subarray(r * 20, r * 20 + 20));
    const user = Math.floor(r / TOKENS_PER_USER);
    const serial = String(10_000_000 + r).padStart(10, '0');
    await write(tokens, `user${user}@bench.example,${serial},${seed},30,Token2,C202\n`);
  }
  tokens.end();
  await once(tokens, 'finish');
  return { usersFile, tokensFile };
}

async function write(stream: fs.WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function rawParseRate(file: string): Promise<number> {
  const started = performance.now();
  let count = 0;
  const parser = fs.createReadStream(file).pipe(parse({ from_line: 2 }));
  for await (const record of parser) if (record) count++;
  return Math.round(count / ((performance.now() - started) / 1000));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

const isMain =
  process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname;
if (isMain) {
  const rows = Number(process.argv[2] ?? 100_000);
  console.log(JSON.stringify(await benchUpload(rows)));
}
