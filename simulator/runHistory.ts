import { createPrng, type Prng } from './prng';
import { Status } from './types';

/**
 * What goes wrong from one run on: `zeroRecords` (success with nothing extracted — the site changed
 * its markup), `recordsDrop` (−80 % records), `errorSpike` (×10 the agent's error rate, at least 10), `slow` (×5 duration).
 */
export type BreakageKind = 'zeroRecords' | 'recordsDrop' | 'errorSpike' | 'slow';

/** A generated run history of one agent. Every field has a realistic default. */
export interface RunHistorySpec {
  /** Runs to generate (oldest first). */
  runs: number;
  /** Hours between starts; default 24 (a daily schedule). */
  everyHours?: number;
  /** Records of a run on a weekday at the start of the history; default 12,400. */
  baseRecords?: number;
  /** Run-to-run variation: standard deviation of the log of the records; default 0.08 (≈ ±8 %). */
  noise?: number;
  /** Records (and pages, duration) on Saturdays and Sundays × this; default 0.7 (weekly seasonality). */
  weekendFactor?: number;
  /** Growth of the records per day, e.g. 0.002 = +0.2 % a day (slow growth); default 0.002. */
  growthPerDay?: number;
  /** Mean errors of a normal run (Poisson); default 3. */
  baseErrors?: number;
  /** Seconds a weekday run takes at the start; default 900. */
  baseSeconds?: number;
  /** Share of records exported; default 0.98. */
  exportShare?: number;
  /** Injected breakage from run `fromRun` (0-based) to the end. */
  breakage?: { kind: BreakageKind; fromRun: number };
  /** PRNG seed; default 1. */
  seed?: number;
}

/** One generated finished run. */
export interface HistoryRun {
  /** Clock ms of creation. */
  createdAt: number;
  status: number;
  records: number;
  exported: number;
  errors: number;
  seconds: number;
  pages: number;
  /** True from the breakage's first run on. */
  broken: boolean;
}

const DAY_MS = 86_400_000;

/** Standard normal (Box–Muller) from the seeded PRNG. */
function gaussian(rnd: Prng): number {
  const u = Math.max(rnd.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.next());
}

/** Poisson(mean) by Knuth's method (means here are small). */
function poisson(rnd: Prng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rnd.next();
  while (p > limit) {
    k++;
    p *= rnd.next();
  }
  return k;
}

/**
 * A deterministic history ending at `endAt` (the last run's start): normal variation, weekly
 * seasonality and slow growth, optionally broken from one run on. Oldest first.
 */
export function generateRunHistory(spec: RunHistorySpec, endAt: number): HistoryRun[] {
  const rnd = createPrng(spec.seed ?? 1);
  const every = (spec.everyHours ?? 24) * 3_600_000;
  const base = spec.baseRecords ?? 12_400;
  const noise = spec.noise ?? 0.08;
  const weekend = spec.weekendFactor ?? 0.7;
  const growth = spec.growthPerDay ?? 0.002;
  const out: HistoryRun[] = [];
  for (let i = 0; i < spec.runs; i++) {
    const createdAt = endAt - (spec.runs - 1 - i) * every;
    const day = new Date(createdAt).getUTCDay();
    const season = day === 0 || day === 6 ? weekend : 1;
    const trend = (1 + growth) ** (i * (every / DAY_MS));
    const scale = season * trend;
    const records = Math.max(1, Math.round(base * scale * Math.exp(noise * gaussian(rnd))));
    const seconds = Math.max(10, Math.round((spec.baseSeconds ?? 900) * scale * Math.exp(0.6 * noise * gaussian(rnd))));
    const run: HistoryRun = {
      createdAt, status: Status.Success, records,
      exported: Math.round(records * (spec.exportShare ?? 0.98)),
      errors: poisson(rnd, spec.baseErrors ?? 3), seconds,
      pages: Math.max(1, Math.round((records / 25) * Math.exp(0.3 * noise * gaussian(rnd)))),
      broken: false,
    };
    const breakage = spec.breakage;
    if (breakage && i >= breakage.fromRun) out.push(broken(run, breakage.kind, spec.baseErrors ?? 3));
    else out.push(run);
  }
  return out;
}

function broken(run: HistoryRun, kind: BreakageKind, baseErrors: number): HistoryRun {
  switch (kind) {
    case 'zeroRecords':
      // The pages still load; nothing on them matches any more.
      return { ...run, records: 0, exported: 0, broken: true };
    case 'recordsDrop': {
      const records = Math.round(run.records * 0.2);
      return { ...run, records, exported: Math.round(run.exported * 0.2), pages: Math.max(1, Math.round(run.pages * 0.2)), broken: true };
    }
    case 'errorSpike':
      // Ten times the agent's error rate (this run's own draw plus nine times the mean), at least 10.
      return { ...run, errors: Math.max(10, run.errors + Math.round(9 * baseErrors)), broken: true };
    case 'slow':
      return { ...run, seconds: run.seconds * 5, broken: true };
  }
}
