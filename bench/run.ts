// `npm run bench`: every benchmark, one table. Options:
//   --quick      smaller counts (CI): 200,000-row upload instead of 1,000,000, fewer requests
//   --runs N     repeat the cheap benchmarks N times and print medians (default 3; quick 1)
//   --only LIST  a comma-separated subset of: upload,verify,radius,startup,tui
//   --json FILE  also write every figure as JSON
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { benchRadius, type RadiusBench } from './radius-load.js';
import { benchStartup, median, type StartupBench } from './startup.js';
import { benchUpload, type UploadBenchResult } from './upload.js';
import { benchVerify, type VerifyBench } from './verify.js';
import type { TuiBench } from './tui-keys.js';

interface Options {
  isQuick: boolean;
  runs: number;
  only: Set<string>;
  json: string | null;
}

const ALL = ['upload', 'verify', 'radius', 'startup', 'tui'];

function parseOptions(argv: string[]): Options {
  const value = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? (argv[at + 1] ?? '') : null;
  };
  const isQuick = argv.includes('--quick');
  const only = value('--only');
  return {
    isQuick,
    runs: Number(value('--runs') ?? (isQuick ? 1 : 3)),
    only: new Set(only ? only.split(',') : ALL),
    json: value('--json'),
  };
}

interface Row {
  name: string;
  figure: string;
  target: string;
  verdict: string;
}

const rows: Row[] = [];
const figures: Record<string, unknown> = {};

function add(name: string, figure: string, target = '', isMet: boolean | null = null): void {
  const verdict = isMet === null ? '' : isMet ? 'met' : 'MISSED';
  rows.push({ name, figure, target, verdict });
  process.stderr.write(`  ${name}: ${figure}${verdict ? ` (${verdict})` : ''}\n`);
}

const n = (value: number) => Math.round(value).toLocaleString('en-US');

async function step<T>(name: string, work: () => Promise<T>): Promise<T | null> {
  process.stderr.write(`${name} ...\n`);
  try {
    const result = await work();
    figures[name] = result;
    return result;
  } catch (error) {
    add(name, `failed: ${(error as Error).message.split('\n')[0]}`);
    return null;
  }
}

async function medianUpload(rowsCount: number, runs: number): Promise<UploadBenchResult> {
  const results: UploadBenchResult[] = [];
  for (let run = 0; run < runs; run++) {
    globalThis.gc?.();
    results.push(await benchUpload(rowsCount));
  }
  const of = (pick: (r: UploadBenchResult) => number) => median(results.map(pick));
  return {
    rows: rowsCount,
    seconds: of((r) => r.seconds),
    rowsPerSecond: Math.round(of((r) => r.rowsPerSecond)),
    peakRssMb: Math.max(...results.map((r) => r.peakRssMb)),
    csvParseRowsPerSecond: Math.round(of((r) => r.csvParseRowsPerSecond)),
  };
}

async function runUpload(options: Options): Promise<void> {
  const sizes = options.isQuick ? [100_000, 200_000] : [100_000, 1_000_000];
  for (const size of sizes) {
    const isBig = size === sizes[1];
    const r = await step(`upload ${n(size)}`, () => medianUpload(size, isBig ? 1 : options.runs));
    if (!r) continue;
    const figure =
      `${n(r.rowsPerSecond)} rows/s (${r.seconds} s), peak ${n(r.peakRssMb)} MiB; ` +
      `csv-parse alone ${n(r.csvParseRowsPerSecond)} rows/s`;
    if (size === 1_000_000) {
      add(
        `upload ${n(size)} rows`,
        figure,
        '< 20 s, < 1 GiB',
        r.seconds < 20 && r.peakRssMb < 1024,
      );
    } else add(`upload ${n(size)} rows`, figure);
  }
}

async function runVerify(options: Options): Promise<void> {
  const users = options.isQuick ? 5_000 : 20_000;
  const results: VerifyBench[] = [];
  for (let run = 0; run < options.runs; run++) {
    const r = await step('verify', () => benchVerify(users));
    if (r) results.push(r);
  }
  if (results.length === 0) return;
  const verifications = median(results.map((r) => r.verificationsPerSecond));
  const activations = median(results.map((r) => r.activationsPerSecond));
  figures.verify = results;
  add(
    'verifications in process',
    `${n(verifications)}/s (${n(users)} users, one token each)`,
    '>= 30,000/s',
    verifications >= 30_000,
  );
  add('activations, wide window', `${n(activations)}/s`);
}

async function runRadius(options: Options): Promise<void> {
  const scale = options.isQuick ? 0.2 : 1;
  const plan = [
    { inFlight: 1, requests: Math.round(1_000 * scale) },
    { inFlight: 16, requests: Math.round(10_000 * scale) },
    { inFlight: 64, requests: Math.round(20_000 * scale) },
  ];
  // Every user signs in once: at most three runs keep them all (5,000 + 3 x 31,000) within the
  // 100,000 users and seeds a server keeps warm. Beyond that a sign-in reads its user and opens
  // its seed first (README, Benchmarks).
  const runs = Math.min(options.runs, 3);
  const r: RadiusBench | null = await step('radius', () => benchRadius(plan, runs));
  if (!r) return;
  for (const level of r.levels) {
    const figure =
      `${n(level.acceptsPerSecond)} accepts/s, p50 ${level.p50Ms} ms, p99 ${level.p99Ms} ms ` +
      `(server CPU ${level.serverCpuUsPerRequest} us/request)`;
    if (level.inFlight === 64) {
      const isMet = level.acceptsPerSecond >= 20_000 && level.p99Ms < 10;
      add('RADIUS, 64 in flight', figure, '>= 20,000/s, p99 < 10 ms', isMet);
    } else add(`RADIUS, ${level.inFlight} in flight`, figure);
  }
  const failures = r.rejects + r.lost;
  add('RADIUS rejects and lost', `${failures} (every request should be accepted)`);
}

async function runStartup(options: Options): Promise<void> {
  const tokens = options.isQuick ? 200_000 : 1_000_000;
  const r: StartupBench | null = await step('startup', () => benchStartup(tokens, options.runs));
  if (!r) return;
  const figure = `${r.seconds} s, RSS ${r.rssMb} MiB (snapshot ${r.snapshotMb} MiB)`;
  add(`serve start-up, ${n(tokens)} tokens`, figure, '< 5 s', r.seconds < 5);
}

async function runTui(options: Options): Promise<void> {
  const rowsCount = options.isQuick ? 20_000 : 100_000;
  // Ink draws nothing but the last frame when it believes it runs in CI.
  for (const name of Object.keys(process.env)) {
    if (name === 'CI' || name === 'CONTINUOUS_INTEGRATION' || name.startsWith('CI_')) {
      delete process.env[name];
    }
  }
  const { benchTuiKeys } = await import('./tui-keys.js');
  const r: TuiBench | null = await step('tui', () => benchTuiKeys(rowsCount));
  if (!r) return;
  add(
    `TUI first frame, ${n(rowsCount)} tokens`,
    `${r.firstFrameSeconds} s`,
    '< 2 s',
    r.firstFrameSeconds < 2,
  );
  add(
    `TUI key to frame, ${n(rowsCount)} tokens`,
    `median ${r.keyMedianMs} ms, p90 ${r.keyP90Ms.toFixed(1)} ms, max ${r.keyMaxMs.toFixed(1)} ms`,
    'median < 50 ms',
    r.keyMedianMs < 50,
  );
}

function table(): string {
  const header: Row = { name: 'benchmark', figure: 'result', target: 'target', verdict: '' };
  const all = [header, ...rows];
  const width = (pick: (r: Row) => string) => Math.max(...all.map((r) => pick(r).length));
  const w = [width((r) => r.name), width((r) => r.figure), width((r) => r.target)];
  const line = (r: Row) =>
    `| ${r.name.padEnd(w[0]!)} | ${r.figure.padEnd(w[1]!)} | ${r.target.padEnd(w[2]!)} | ` +
    `${r.verdict.padEnd(6)} |`;
  const rule = `| ${'-'.repeat(w[0]!)} | ${'-'.repeat(w[1]!)} | ${'-'.repeat(w[2]!)} | ------ |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const memory = Math.round(os.totalmem() / 1024 ** 3);
  return `${os.cpus().length} x ${cpu}, ${memory} GiB, Node ${process.version}, ${os.platform()}`;
}

const options = parseOptions(process.argv.slice(2));
const started = performance.now();
if (options.only.has('upload')) await runUpload(options);
if (options.only.has('verify')) await runVerify(options);
// The upload benchmarks leave gigabytes of dirty pages; their writeback would slow the fdatasync
// every RADIUS accept waits for, so the disk is settled first.
if (options.only.has('radius')) {
  execFileSync('sync');
  await runRadius(options);
}
if (options.only.has('startup')) await runStartup(options);
if (options.only.has('tui')) await runTui(options);

const minutes = ((performance.now() - started) / 60_000).toFixed(1);
console.log(`\noathdesk benchmarks${options.isQuick ? ' (--quick)' : ''}: ${machine()}`);
console.log(
  `load average at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; ${minutes} min\n`,
);
console.log(table());
if (options.json)
  fs.writeFileSync(options.json, JSON.stringify({ machine: machine(), figures }, null, 2));
process.exit(0);
