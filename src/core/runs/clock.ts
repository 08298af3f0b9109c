import type { DisposableLike } from '../lifecycle';

/**
 * Time as the run layer sees it: wall-clock reads and one-shot timers. Injected so unit tests can
 * drive minutes of polling in microseconds and prove that nothing is left scheduled.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Calls `callback` once after `ms` milliseconds; disposing the handle cancels it. */
  setTimeout(callback: () => void, ms: number): DisposableLike;
}

/** The real clock: Date.now and global timers (unref'd so they never keep a process alive). */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return { dispose: () => clearTimeout(handle) };
  },
};

/** Resolves after `ms` on `clock`; rejects early (with the signal's reason) when `signal` aborts. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = () => {
      timer.dispose();
      reject(signal?.reason as Error);
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
