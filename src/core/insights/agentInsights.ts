import { runOutcome, runStatusLabel, type Run, type RunOutcome } from '../api/model';
import { parseTime } from '../text/format';
import { plainText } from '../text/untrustedText';
import { usualRangeOf, type HealthMeasure } from '../health/runHealth';
import { usualRange, type UsualRange } from './usualRange';

/**
 * The numbers behind the agent insights panel: an agent's recent finished runs (records, duration,
 * errors, cost per run) and its cost per day, each with the agent's usual range. Plain data, so it
 * crosses to the webview as JSON and is tested here without a browser.
 */

/** What is charted per run. */
export type RunMeasure = 'records' | 'duration' | 'errors' | 'cost';
export const RUN_MEASURES: readonly RunMeasure[] = ['records', 'duration', 'errors', 'cost'];

/** One finished run as charted; a measure the server did not report is null (a gap, not a 0). */
export interface InsightsRun {
  runId: number;
  /** Epoch ms the run started (its creation time when the start time is missing). */
  startedAt: number;
  /** Our label of its status ("Success", "Failure", "unknown (42)"). */
  status: string;
  outcome: RunOutcome;
  records: number | null;
  durationSec: number | null;
  errors: number | null;
  /** Credits, from the billing runs list (B6); null when billing does not list the run. */
  cost: number | null;
}

/** Cost of one UTC day. */
export interface InsightsDay {
  /** "2026-01-05". */
  day: string;
  /** Epoch ms of the day's start (UTC). */
  startMs: number;
  /** Credits, all usage types together. */
  cost: number;
}

export interface AgentInsights {
  agentId: number;
  /** Server text made plain (control and bidi characters removed, capped); still shown only as text. */
  agentName: string;
  /** Finished runs, oldest first. */
  runs: InsightsRun[];
  /** Usual range per measure, over successful runs only; absent with too little history. */
  bands: Partial<Record<RunMeasure, UsualRange>>;
  /** Every day of the cost window, oldest first (days without cost are 0); empty when cost is unknown. */
  days: InsightsDay[];
  dayBand?: UsualRange;
}

/** One billed run as the billing runs list (B6) reports it, as far as the charts need it. */
export interface RunCostRow {
  runId: number;
  /** Credits. */
  cost: number;
}

/** An agent's cost by day (B5), as far as the charts need it. */
export interface AgentCostByDay {
  /** One per time unit, e.g. "2026-01-05" (a date-time is read by its date). */
  labels: readonly string[];
  /** Per usage type, one cost per label. */
  usage: ReadonlyArray<{ data: ReadonlyArray<number | null> }>;
}

export interface ShapeInput {
  agent: { id: number; name: string };
  /** Runs as the runs list returns them (any order; in-flight runs are left out). */
  runs: readonly Run[];
  /** Billed runs (B6); undefined when cost per run is unknown (no billing access, failed). */
  runCosts?: readonly RunCostRow[];
  /** Cost by day (B5); undefined when unknown. */
  costByDay?: AgentCostByDay;
  /** The cost window: these UTC days, oldest first (see {@link utcDays}). */
  window?: readonly string[];
}

const DAY_MS = 86_400_000;

/** The `count` UTC days ending with the day of `now`, oldest first, as "YYYY-MM-DD". */
export function utcDays(now: number, count: number): string[] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return Array.from({ length: Math.max(0, count) }, (_, i) => new Date(today - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

function count(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : null;
}

/** The server's run time when it sent one, else end − start; null when neither is known. */
function durationOf(run: Run): number | null {
  if (run.runTimeSec !== undefined && Number.isFinite(run.runTimeSec) && run.runTimeSec > 0) return run.runTimeSec;
  const start = parseTime(run.startTime);
  const end = parseTime(run.endTime);
  return start !== undefined && end !== undefined && end >= start ? (end - start) / 1000 : null;
}

function insightsRun(run: Run, costs: ReadonlyMap<number, number>): InsightsRun | undefined {
  const outcome = runOutcome(run.status);
  const startedAt = parseTime(run.startTime) ?? parseTime(run.created);
  if (outcome === 'in-flight' || startedAt === undefined) return undefined;
  return {
    runId: run.id,
    startedAt,
    status: runStatusLabel(run.status, run.statusName),
    outcome,
    records: count(run.recordsExtracted),
    durationSec: durationOf(run),
    errors: count(run.errorCount),
    cost: costs.get(run.id) ?? null,
  };
}

/** The value of one measure of a run. */
export function measureOf(run: InsightsRun, measure: RunMeasure): number | null {
  switch (measure) {
    case 'records':
      return run.records;
    case 'duration':
      return run.durationSec;
    case 'errors':
      return run.errors;
    case 'cost':
      return run.cost;
  }
}

/** Sums the usage types of B5 per UTC day; labels that are not dates are ignored. */
function costPerDay(costByDay: AgentCostByDay): Map<string, number> {
  const perDay = new Map<string, number>();
  costByDay.labels.forEach((label, i) => {
    const day = /^\d{4}-\d{2}-\d{2}/.exec(label)?.[0];
    if (!day) return;
    const total = costByDay.usage.reduce((sum, usage) => {
      const value = usage.data[i];
      return typeof value === 'number' && Number.isFinite(value) ? sum + value : sum;
    }, 0);
    perDay.set(day, (perDay.get(day) ?? 0) + total);
  });
  return perDay;
}

/** The run-health measure behind a charted one; cost has none (health does not judge it). */
const HEALTH_MEASURE: Partial<Record<RunMeasure, HealthMeasure>> = { records: 'records', duration: 'duration', errors: 'errors' };

/**
 * Runs + billing → what the panel charts. The usual ranges count successful runs only: a failed
 * run is what the band should make stand out, not what it is made of. Records, duration and errors
 * get the range run health judges by (core/health: its scale, spread floor and k), so a run flagged
 * there lies outside the band here; cost gets median ± 3 scaled MADs.
 */
export function shapeAgentInsights(input: ShapeInput): AgentInsights {
  const costs = new Map((input.runCosts ?? []).filter((row) => Number.isFinite(row.cost)).map((row) => [row.runId, row.cost]));
  const runs = input.runs
    .map((run) => insightsRun(run, costs))
    .filter((run): run is InsightsRun => run !== undefined)
    .sort((a, b) => a.startedAt - b.startedAt || a.runId - b.runId);
  const usual = runs.filter((run) => run.outcome === 'succeeded');
  const bands: AgentInsights['bands'] = {};
  for (const measure of RUN_MEASURES) {
    const values = usual.map((run) => measureOf(run, measure)).filter((value): value is number => value !== null);
    const health = HEALTH_MEASURE[measure];
    const band = health ? usualRangeOf(health, values) : usualRange(values);
    if (band) bands[measure] = band;
  }
  const perDay = input.costByDay ? costPerDay(input.costByDay) : undefined;
  const days = perDay && input.window ? input.window.map((day) => ({ day, startMs: Date.parse(`${day}T00:00:00Z`), cost: perDay.get(day) ?? 0 })) : [];
  const dayBand = days.length > 0 ? usualRange(days.map((day) => day.cost)) : undefined;
  return {
    agentId: input.agent.id,
    agentName: plainText(input.agent.name, 200),
    runs,
    bands,
    days,
    ...(dayBand ? { dayBand } : {}),
  };
}
