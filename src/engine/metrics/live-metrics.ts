// Per-second counts of sign-in outcomes over the last minutes, and the recent decisions, for the
// live screen. In memory only: a restart starts the chart afresh.
import type { AuditEntry, RateSample } from '../types.js';

export const SAMPLE_SECONDS = 300;
const RECENT_LIMIT = 50;

export type SignInOutcome = 'accept' | 'reject' | 'drop';

export class LiveMetrics {
  private samples: RateSample[] = [];
  private recentEntries: AuditEntry[] = [];

  constructor(private readonly now: () => number) {}

  count(outcome: SignInOutcome): void {
    const sample = this.currentSample();
    if (outcome === 'accept') sample.accepts++;
    else if (outcome === 'reject') sample.rejects++;
    else sample.drops++;
  }

  /** Recent decisions are not stored rows; they get their own ids for the screen's keys. */
  private nextId = 1;

  remember(entry: AuditEntry): void {
    this.recentEntries.unshift({ ...entry, id: this.nextId++ });
    if (this.recentEntries.length > RECENT_LIMIT) this.recentEntries.length = RECENT_LIMIT;
  }

  /** One sample per second, oldest first, gaps filled with zeros. */
  series(seconds = SAMPLE_SECONDS): RateSample[] {
    const end = Math.floor(this.now() / 1000) * 1000;
    const byTime = new Map(this.samples.map((sample) => [sample.at, sample]));
    const series: RateSample[] = [];
    for (let at = end - (seconds - 1) * 1000; at <= end; at += 1000) {
      series.push(byTime.get(at) ?? { at, accepts: 0, rejects: 0, drops: 0 });
    }
    return series;
  }

  recent(): AuditEntry[] {
    return [...this.recentEntries];
  }

  /** Accepted plus rejected sign-ins in the last whole second. */
  signInsPerSecond(): number {
    const last = Math.floor(this.now() / 1000) * 1000 - 1000;
    const sample = this.samples.find((entry) => entry.at === last);
    return sample ? sample.accepts + sample.rejects : 0;
  }

  private currentSample(): RateSample {
    const at = Math.floor(this.now() / 1000) * 1000;
    let last = this.samples[this.samples.length - 1];
    if (last?.at !== at) {
      last = { at, accepts: 0, rejects: 0, drops: 0 };
      this.samples.push(last);
      const oldest = at - SAMPLE_SECONDS * 1000;
      while ((this.samples[0]?.at ?? at) <= oldest) this.samples.shift();
    }
    return last;
  }
}
