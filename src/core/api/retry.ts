import {
  AmbiguousRequestError,
  CancelledError,
  MalformedResponseError,
  NetworkError,
  ProblemError,
  TimeoutError,
  type SequentumError,
} from './errors';
import { RETRY_FLOOR_MS } from './rateLimitValues';

/** Retry knobs; defaults follow the API contract and Sequentum's own client. */
export interface RetryPolicy {
  /** Total attempts for an idempotent request, including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** ±fraction applied to each backoff delay. */
  jitter: number;
  /** A Retry-After longer than this is not waited for: the 429 is surfaced instead. */
  maxRetryAfterMs: number;
  /** [0, 1); injectable for deterministic tests. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  jitter: 0.25,
  maxRetryAfterMs: 65_000,
  random: Math.random,
};

/** 1 s × 2^retry ± jitter, capped; a server Retry-After wins when given (never below the retry floor). */
export function backoffDelay(policy: RetryPolicy, retry: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.max(RETRY_FLOOR_MS, retryAfterMs);
  const raw = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  const factor = 1 + policy.jitter * (2 * policy.random() - 1);
  return Math.min(policy.maxDelayMs, Math.max(0, Math.round(raw * factor)));
}

/**
 * Whether an idempotent (GET) attempt that failed with `error` may be repeated: 5xx, 429 (when
 * its Retry-After is acceptable), network failures other than TLS, timeouts and truncated or
 * garbled bodies (not ones over the size limit). Never other 4xx, never after cancellation.
 */
export function isRetryableForGet(error: SequentumError, policy: RetryPolicy): boolean {
  if (error instanceof CancelledError) return false;
  if (error instanceof ProblemError) {
    if (error.status === 429) return (error.problem.retryAfterMs ?? 0) <= policy.maxRetryAfterMs;
    return error.status >= 500;
  }
  if (error instanceof NetworkError) return !error.tls;
  if (error instanceof MalformedResponseError) return error.retryable;
  return error instanceof TimeoutError;
}

/**
 * A non-idempotent request (POST) is never repeated. This decides what the caller sees: a definite
 * answer stays as it is (4xx including 429, a failure before anything was sent, cancellation before
 * sending); anything that leaves open whether the server acted becomes AmbiguousRequestError.
 */
export function finalErrorForPost(
  error: SequentumError,
  method: string,
  path: string,
  sentAt: number | undefined,
): SequentumError {
  if (sentAt === undefined) return error; // never left the queue
  if (error instanceof ProblemError) {
    return error.status >= 500 ? new AmbiguousRequestError(method, path, error, sentAt) : error;
  }
  if (error instanceof NetworkError && error.notSent) return error;
  if (
    error instanceof NetworkError ||
    error instanceof TimeoutError ||
    error instanceof MalformedResponseError ||
    error instanceof CancelledError
  ) {
    return new AmbiguousRequestError(method, path, error, sentAt);
  }
  return error;
}
