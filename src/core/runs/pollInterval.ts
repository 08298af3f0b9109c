/** The request budget as the poller needs it. */
export interface PollBudget {
  /** Requests per window for the key (server headers or settings). */
  requests: number;
  /** Window length, seconds. */
  windowSeconds: number;
  /** Most of the budget background polling may use, 0–1. */
  share: number;
}

/** No run is polled less often than this, however old or numerous (unless the share forces it). */
export const MAX_STRETCHED_INTERVAL_MS = 5 * 60_000;

/**
 * Smallest gap between two background polls that keeps them within the share of the budget, ms
 * (e.g. 100 per 60 s at 0.2 → one poll per 3 s). Infinity when the share is 0: no polling at all.
 */
export function minPollGapMs(budget: PollBudget): number {
  const perWindow = budget.share * budget.requests;
  if (!(perWindow > 0)) return Infinity;
  return (budget.windowSeconds * 1000) / perWindow;
}

/** 1 for a young run, growing in steps: a run that has been going for an hour changes slowly. */
function ageFactor(runAgeMs: number): number {
  const minutes = runAgeMs / 60_000;
  if (minutes < 2) return 1;
  if (minutes < 10) return 2;
  if (minutes < 60) return 4;
  return 8;
}

export interface PollIntervalInput {
  /** `sequentum.polling.intervalSeconds`. */
  baseSeconds: number;
  /** Runs currently followed (≥ 1). */
  inFlight: number;
  /** How long this run has been going, ms. */
  runAgeMs: number;
  budget: PollBudget;
}

/**
 * Interval between two polls of one run, ms: the base interval stretched by √(runs in flight) and
 * by the run's age (capped at 5 min), and never so short that polling all runs in flight would
 * exceed the background share.
 */
export function runPollIntervalMs(input: PollIntervalInput): number {
  const base = Math.max(1, input.baseSeconds) * 1000;
  const inFlight = Math.max(1, input.inFlight);
  const stretched = Math.min(base * ageFactor(input.runAgeMs) * Math.sqrt(inFlight), MAX_STRETCHED_INTERVAL_MS);
  const shareFloor = inFlight * minPollGapMs(input.budget);
  return Math.max(base, stretched, shareFloor);
}
