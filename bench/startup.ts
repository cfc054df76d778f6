// Start-up of the real `oathdesk serve` on a data directory holding `tokens` activated tokens (one
// per user): time from spawn to the log line 'oathdesk serving', and the server's memory then.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { seedDataDir } from './seed.js';
import { memoryOf, startServe } from './serve-process.js';

export interface StartupBench {
  tokens: number;
  /** Median over the runs, in seconds. */
  seconds: number;
  rssMb: number;
  peakRssMb: number;
  snapshotMb: number;
}

export async function benchStartup(tokens: number, runs: number): Promise<StartupBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oathdesk-bench-start-'));
  try {
    await seedDataDir(dir, { users: tokens, isSeedShared: true, hasLoopbackClient: true });
    const snapshotMb = fs.statSync(path.join(dir, 'oathdesk.db')).size / 1024 / 1024;

    const seconds: number[] = [];
    let memory = { rssMb: 0, peakRssMb: 0 };
    for (let run = 0; run < runs; run++) {
      const serve = await startServe(dir);
      seconds.push(serve.startMs / 1000);
      memory = memoryOf(serve.child.pid ?? 0);
      await serve.stop();
    }
    return { tokens, seconds: median(seconds), ...memory, snapshotMb: Math.round(snapshotMb) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1
      ? sorted[middle]!
      : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return Math.round(value * 1000) / 1000;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const tokens = Number(process.argv[2] ?? 1_000_000);
  console.log(JSON.stringify(await benchStartup(tokens, Number(process.argv[3] ?? 3))));
}
