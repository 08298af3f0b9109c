/**
 * Bounds for the numbers a server (or a proxy, or a broken deployment) sends about its rate limit.
 * A value outside these ranges is clamped, never trusted as it is: `X-RateLimit-Limit: 0` must not
 * stop every request, `X-RateLimit-Window-Seconds: 1e12` must not park the budget for centuries,
 * and `Retry-After: 0` must not turn a 429 into a retry storm.
 */
/** The same ranges as the rateLimit.* settings (package.json minimum/maximum). */
export const LIMIT_RANGE = { min: 1, max: 100_000 } as const;
export const WINDOW_SECONDS_RANGE = { min: 1, max: 86_400 } as const;
/** The least wait after a 429 or between retries, whatever Retry-After says (the contract's 1 s backoff base). */
export const RETRY_FLOOR_MS = 1_000;
/** The longest Retry-After taken at its word (a day); longer ones are this (and are not waited for: see RetryPolicy.maxRetryAfterMs). */
export const RETRY_AFTER_CEILING_MS = 86_400_000;

const NUMBER = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/;

function clamp(value: number, range: { min: number; max: number }): number {
  return Math.min(range.max, Math.max(range.min, value));
}

/** `X-RateLimit-Limit` as a whole number in {@link LIMIT_RANGE}; undefined when absent or not a number. */
export function limitFromHeader(value: string | null): number | undefined {
  if (value === null || !NUMBER.test(value)) return undefined;
  return clamp(Math.floor(Number(value)), LIMIT_RANGE);
}

/** `X-RateLimit-Window-Seconds` in {@link WINDOW_SECONDS_RANGE}; undefined when absent or not a number. */
export function windowSecondsFromHeader(value: string | null): number | undefined {
  if (value === null || !NUMBER.test(value)) return undefined;
  return clamp(Number(value), WINDOW_SECONDS_RANGE);
}

/** A parsed Retry-After (ms; negative when its date lay in the past) bounded to [floor, ceiling]. */
export function boundedRetryAfter(ms: number | undefined): number | undefined {
  if (ms === undefined || Number.isNaN(ms)) return undefined;
  return Math.min(RETRY_AFTER_CEILING_MS, Math.max(RETRY_FLOOR_MS, ms));
}

/** Limit from settings (already type-checked) or anywhere else: a whole number in {@link LIMIT_RANGE}. */
export function boundedLimit(limit: number): number {
  return Number.isFinite(limit) ? clamp(Math.floor(limit), LIMIT_RANGE) : LIMIT_RANGE.min;
}

/** Window length in ms from seconds, within {@link WINDOW_SECONDS_RANGE}. */
export function boundedWindowMs(windowSeconds: number): number {
  return (Number.isFinite(windowSeconds) ? clamp(windowSeconds, WINDOW_SECONDS_RANGE) : WINDOW_SECONDS_RANGE.max) * 1000;
}
