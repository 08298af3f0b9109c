import { CancelledError } from './errors';

/**
 * Time as the API core sees it. Backoff waits and Retry-After pauses go through `sleep`, so tests
 * can inject a clock that records the waits instead of spending real seconds.
 */
export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with CancelledError when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new CancelledError());
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new CancelledError());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
