import { runOutcome, type Run } from '../api/model';
import { median, medianAbsoluteDeviation, type UsualRange } from '../insights/usualRange';
import { parseTime } from '../text/format';

/**
 * Run health: is a finished, successful run far outside its agent's usual range?
 *
 * Method (README "Run health"): per measure, the agent's earlier successful runs (at least
 * `minHistory`, at most the newest `maxHistory`) give a robust centre and spread — median and MAD
 * (median absolute deviation, × 1.4826 ≈ σ) — on a scale where the measure's noise is even:
 * log(1 + x) for records, exports, pages and duration (they vary by a factor, not by an amount);
 * the Anscombe transform 2·√(x + 3/8) for errors (counts, Poisson-like: σ ≈ 1 at every level). The
 * spread has a floor (10 % on the log scale, 1 on the Anscombe scale) so a history of identical runs
 * does not make every small change an alarm. A measure is off when it is both statistically far
 * (robust z beyond the sensitivity's k, in the direction that means breakage) and practically far
 * (e.g. fewer than half the usual records). A success with 0 records when the agent usually
 * extracts some is always off. Median and MAD ignore up to half the history being odd, so one
 * earlier broken run does not hide the next one.
 */

export type HealthMeasure = 'records' | 'exported' | 'errors' | 'duration' | 'pages';
export type HealthSensitivity = 'off' | 'low' | 'normal' | 'high';

export const HEALTH_MEASURES: readonly HealthMeasure[] = ['records', 'exported', 'errors', 'duration', 'pages'];

export interface HealthOptions {
  /** Default 'normal'. */
  sensitivity?: HealthSensitivity;
  /** Fewer earlier successful runs than this: no verdict ("not enough history"). Default 5. */
  minHistory?: number;
  /** Only the newest this many earlier successful runs count (the usual range moves with the agent). Default 30. */
  maxHistory?: number;
}

/** One measure of the run against its usual range. */
export interface MeasureCheck {
  measure: HealthMeasure;
  value: number;
  /** Median of the earlier successful runs. */
  usual: number;
  /** Robust z: deviations (1.4826 × MAD, floored) from the median on the measure's scale; negative = below. */
  score: number;
  /** How many earlier runs had this measure. */
  history: number;
  off: boolean;
}

export type RunHealth =
  /** In flight, failed, stopped — or health checks are off: nothing to say. */
  | { state: 'notJudged' }
  | { state: 'noHistory'; have: number; need: number }
  | { state: 'usual'; checks: MeasureCheck[]; history: number }
  | { state: 'unusual'; checks: MeasureCheck[]; off: MeasureCheck[]; history: number };

interface Thresholds {
  /** Robust z a measure must pass. */
  k: number;
  /** Records, exports, pages: at most this share of the usual. */
  drop: number;
  /** Duration and errors: at least this multiple of the usual. */
  rise: number;
}

const THRESHOLDS: Record<Exclude<HealthSensitivity, 'off'>, Thresholds> = {
  low: { k: 5, drop: 0.35, rise: 4 },
  normal: { k: 3.5, drop: 0.5, rise: 2.5 },
  high: { k: 2.5, drop: 0.7, rise: 1.8 },
};

const MAD_TO_SIGMA = 1.4826;

/** The measures of a run the API reported (duration from runTimeSec, else end − start). */
export function measuresOf(run: Run): Partial<Record<HealthMeasure, number>> {
  const out: Partial<Record<HealthMeasure, number>> = {};
  if (run.recordsExtracted !== undefined) out.records = run.recordsExtracted;
  if (run.recordsExported !== undefined) out.exported = run.recordsExported;
  if (run.errorCount !== undefined) out.errors = run.errorCount;
  if (run.pageCount !== undefined) out.pages = run.pageCount;
  const start = parseTime(run.startTime) ?? parseTime(run.created);
  const end = parseTime(run.endTime);
  const duration = run.runTimeSec ?? (start !== undefined && end !== undefined && end >= start ? (end - start) / 1000 : undefined);
  if (duration !== undefined) out.duration = duration;
  return out;
}

const logScale = (x: number): number => Math.log1p(Math.max(0, x));
const anscombe = (x: number): number => 2 * Math.sqrt(Math.max(0, x) + 3 / 8);

/**
 * The measure's scale and the smallest spread it is given. Counts of records and pages vary by
 * at least their counting noise: a Poisson count's relative σ is 1/√λ, so on the log scale the
 * floor is max(10 %, 1/√(usual + 1)) — 2 pages instead of 3 is no alarm, 2 instead of 3,000 is.
 */
function scaleOf(measure: HealthMeasure, usual: number): { transform: (x: number) => number; floor: number } {
  if (measure === 'errors') return { transform: anscombe, floor: 1 };
  if (measure === 'duration') return { transform: logScale, floor: 0.1 };
  return { transform: logScale, floor: Math.max(0.1, 1 / Math.sqrt(Math.max(0, usual) + 1)) };
}

/** Robust z of `value` against `history` on the measure's scale. */
export function robustScore(measure: HealthMeasure, value: number, history: readonly number[]): number {
  const { transform, floor } = scaleOf(measure, median(history));
  const scaled = history.map(transform);
  const sigma = Math.max(MAD_TO_SIGMA * medianAbsoluteDeviation(scaled), floor);
  return (transform(value) - median(scaled)) / sigma;
}

/** Practically far: the size of the change alone, against a usual value. */
function farFrom(measure: HealthMeasure, value: number, usual: number, t: Thresholds): boolean {
  switch (measure) {
    case 'records':
    case 'exported':
    case 'pages':
      return value <= t.drop * usual;
    case 'duration':
      return value >= t.rise * usual;
    case 'errors':
      // A few more errors than a clean agent's 0 is no breakage: at least 5 more than usual.
      return value >= Math.max(t.rise * usual, usual + 5);
  }
}

function isOff(measure: HealthMeasure, value: number, usual: number, score: number, t: Thresholds): boolean {
  if (value === 0 && usual >= 1 && (measure === 'records' || measure === 'exported')) return true;
  // Errors: the MAD of a few small discrete counts overstates their spread (Anscombe-scale σ of a
  // Poisson count is ≈ 1; MAD over 0, 1, 2… estimates 1.1–1.4), so their bar is half a σ lower.
  const statisticallyFar = measure === 'records' || measure === 'exported' || measure === 'pages' ? score <= -t.k : score >= (measure === 'errors' ? t.k - 0.5 : t.k);
  // Small error counts are coarse (MAD of 0, 1, 2… is a blunt spread): ten times the usual errors
  // is far outside whatever the spread says (P(≥ 10 | Poisson 1) ≈ 10⁻⁷).
  const tenfoldErrors = measure === 'errors' && value >= 10 * Math.max(usual, 1);
  return (statisticallyFar || tenfoldErrors) && farFrom(measure, value, usual, t);
}

/** Saturday or Sunday (UTC): many sites and agents have a weekly rhythm. */
function isWeekend(run: Run): boolean {
  const day = new Date(runTime(run)).getUTCDay();
  return day === 0 || day === 6;
}

/** Time order of runs: creation (or start) time, then id. */
function runTime(run: Run): number {
  return parseTime(run.created) ?? parseTime(run.startTime) ?? 0;
}

/** The earlier successful runs of the same agent that make the run's history, newest first. */
export function historyFor(run: Run, others: readonly Run[], maxHistory = 30): Run[] {
  const at = runTime(run);
  return others
    .filter((o) => o.id !== run.id && o.agentId === run.agentId && runOutcome(o.status) === 'succeeded' && (runTime(o) < at || (runTime(o) === at && o.id < run.id)))
    .sort((a, b) => runTime(b) - runTime(a) || b.id - a.id)
    .slice(0, maxHistory);
}

/** The health of `run` judged against `others` (any runs of any agent; the history is picked from them). */
export function judgeRun(run: Run, others: readonly Run[], options: HealthOptions = {}): RunHealth {
  const sensitivity = options.sensitivity ?? 'normal';
  if (sensitivity === 'off' || runOutcome(run.status) !== 'succeeded') return { state: 'notJudged' };
  const need = options.minHistory ?? 5;
  const history = historyFor(run, others, options.maxHistory ?? 30);
  if (history.length < need) return { state: 'noHistory', have: history.length, need };
  const thresholds = THRESHOLDS[sensitivity];
  const values = measuresOf(run);
  // Weekly rhythm: runs on the same kind of day (weekend or weekday) are the history when there are
  // enough of them; with only a few, a change must also be far from those few to count.
  const sameKind = history.filter((h) => isWeekend(h) === isWeekend(run));
  const compared = sameKind.length >= need ? sameKind : history;
  const veto = sameKind.length >= 2 && sameKind.length < need ? sameKind.map(measuresOf) : undefined;
  const earlier = compared.map(measuresOf);
  const checks: MeasureCheck[] = [];
  for (const measure of HEALTH_MEASURES) {
    const value = values[measure];
    const past = earlier.flatMap((m) => (m[measure] === undefined ? [] : [m[measure]]));
    if (value === undefined || past.length < need) continue;
    const usual = median(past);
    const score = robustScore(measure, value, past);
    const vetoValues = veto?.flatMap((m) => (m[measure] === undefined ? [] : [m[measure]]));
    const farFromSameKind = vetoValues === undefined || vetoValues.length < 2 || farFrom(measure, value, median(vetoValues), thresholds) || (value === 0 && measure !== 'pages');
    checks.push({ measure, value, usual, score, history: past.length, off: isOff(measure, value, usual, score, thresholds) && farFromSameKind });
  }
  const off = checks.filter((c) => c.off);
  return off.length > 0 ? { state: 'unusual', checks, off, history: history.length } : { state: 'usual', checks, history: history.length };
}

/** Back from a measure's scale to its own units (the inverse of `scaleOf`'s transform), never below 0. */
function unscale(measure: HealthMeasure, y: number): number {
  if (measure === 'errors') return Math.max(0, (Math.max(0, y) / 2) ** 2 - 3 / 8);
  return Math.max(0, Math.expm1(y));
}

/**
 * The usual range of a measure in its own units, as run health sees it: the values whose robust z
 * against `history` is within ±k (the 'normal' sensitivity's k by default), on the measure's scale
 * with the same spread floor — so a run flagged as statistically far lies outside it. Undefined
 * with fewer than `minHistory` values. The insights charts draw it as the band.
 */
export function usualRangeOf(measure: HealthMeasure, history: readonly number[], options: { k?: number; minHistory?: number } = {}): UsualRange | undefined {
  const values = history.filter(Number.isFinite);
  if (values.length < (options.minHistory ?? 5)) return undefined;
  const k = options.k ?? THRESHOLDS.normal.k;
  const centre = median(values);
  const { transform, floor } = scaleOf(measure, centre);
  const scaled = values.map(transform);
  const middle = median(scaled);
  const sigma = Math.max(MAD_TO_SIGMA * medianAbsoluteDeviation(scaled), floor);
  return { median: centre, low: unscale(measure, middle - k * sigma), high: unscale(measure, middle + k * sigma), count: values.length };
}
