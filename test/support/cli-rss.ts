// Runs the real `oathdesk` binary like runCli, and reports the child's peak memory.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, ROOT, type CliResult } from './cli.js';

const PROBE = path.join(ROOT, 'test', 'support', 'rss-probe.mjs');

export interface MeasuredResult extends CliResult {
  /** Peak resident set size of the child, in MiB. */
  peakMiB: number;
}

export function runCliMeasured(dataDir: string, args: string[]): Promise<MeasuredResult> {
  const rssFile = path.join(os.tmpdir(), `oathdesk-rss-${process.pid}-${Date.now()}`);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', PROBE, BIN, '--data', dataDir, ...args],
      {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '1', OATHDESK_RSS_FILE: rssFile },
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        let peakMiB = NaN;
        try {
          peakMiB = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
          fs.rmSync(rssFile);
        } catch {
          // No figure: the child died before its exit handler ran; NaN fails any bound.
        }
        resolve({ code, stdout, stderr, peakMiB });
      },
    );
  });
}
