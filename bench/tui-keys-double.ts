// Key-to-frame times of the Tokens screen over the in-memory AdminApi double holding `rows`
// tokens, rendered with ink-testing-library. The engine-backed benchmark the runner calls is
// bench/tui-keys.ts; this one isolates the TUI's own cost. Run: npx tsx bench/tui-keys-double.ts
import { pathToFileURL } from 'node:url';

import { FakeAdmin } from '../test/tui/fake-admin.js';
import { renderApp } from '../test/tui/harness.js';

const DOWN = '\u001b[B';
const PRESSES = 40;
const RUNS = 5;

export interface TuiKeysDoubleBench {
  medianMs: number;
  p95Ms: number;
  firstFrameMs: number;
}

export async function benchTuiKeysDouble(rows: number): Promise<TuiKeysDoubleBench> {
  const medians: number[] = [];
  const all: number[] = [];
  const firsts: number[] = [];

  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    const harness = renderApp(new FakeAdmin({ tokens: rows }));
    await harness.waitFor(`1 of ${rows}`, 30_000);
    firsts.push(performance.now() - started);

    const times: number[] = [];
    for (let press = 1; press <= PRESSES; press += 1) {
      const pressed = performance.now();
      harness.press(DOWN);
      await harness.waitFor(`${press + 1} of ${rows}`, 10_000);
      times.push(performance.now() - pressed);
    }
    harness.unmount();
    medians.push(median(times));
    all.push(...times);
  }

  const sorted = [...all].sort((a, b) => a - b);
  return {
    medianMs: median(medians),
    p95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? NaN,
    firstFrameMs: median(firsts),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchTuiKeysDouble(Number(process.argv[2] ?? 100_000))));
}
