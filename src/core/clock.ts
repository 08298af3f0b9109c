import type { DisposableLike } from './lifecycle';

/**
 * The one clock of the extension. Two kinds of time, never mixed:
 * - `now()` is monotonic: every delay, deadline, window and duration. A laptop waking from sleep
 *   or an NTP step moves the wall clock by hours; scheduled work must not stall (or burst) because
 *   of it. The system clock reads process.hrtime — the machine's monotonic clock (CLOCK_MONOTONIC,
 *   mach_absolute_time, QueryPerformanceCounter), the same in every process — so the shared budget
 *   ledger can compare instants written by other extension hosts.
 * - `wallNow()` is epoch milliseconds: only to compare with server timestamps (a run's start
 *   time) and to show a moment to the user.
 * Injected so unit tests can drive minutes of polling in microseconds, make the wall clock jump,
 * and prove that nothing is left scheduled.
 */
export interface Clock {
  /** Monotonic milliseconds from an arbitrary origin (for the system clock: the machine's boot). */
  now(): number;
  /** Epoch milliseconds (may jump). */
  wallNow(): number;
  /**
   * Calls `callback` once after `ms` (clamped to [0, {@link MAX_TIMER_MS}]); disposing the handle
   * cancels it. Timers do not keep the process alive unless `keepAlive` (someone awaits them).
   */
  setTimeout(callback: () => void, ms: number, keepAlive?: boolean): DisposableLike;
}

/**
 * Node fires a setTimeout longer than 2^31−1 ms (≈ 24.8 days) at once, with a warning: a huge
 * Retry-After would turn a pause into a burst. No delay is ever longer than this.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A delay a timer can take: NaN and negatives become 0, anything huge the largest safe delay. */
export function timerDelay(ms: number): number {
  if (Number.isNaN(ms) || ms <= 0) return 0;
  return Math.min(MAX_TIMER_MS, ms);
}

/** The real clock: process.hrtime, Date.now, and global timers (unref'd: they never keep a process alive). */
export const systemClock: Clock = {
  now: () => Number(process.hrtime.bigint()) / 1e6,
  wallNow: () => Date.now(),
  setTimeout(callback, ms, keepAlive = false) {
    const handle = setTimeout(callback, timerDelay(ms));
    if (!keepAlive) handle.unref?.();
    return { dispose: () => clearTimeout(handle) };
  },
};

/**
 * Resolves after `ms` on `clock`; rejects early when `signal` aborts — with the signal's reason
 * when it is an Error the caller chose, else with `onAbort()` (e.g. the API core's CancelledError).
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal, onAbort?: () => Error): Promise<void> {
  // 'Aborted' only when a caller gave neither: core's callers pass CancelledError, whose message is translated.
  const abortError = (): Error => onAbort?.() ?? (signal?.reason instanceof Error ? signal.reason : new Error('Aborted'));
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const aborted = (): void => {
      timer.dispose();
      reject(abortError());
    };
    // Someone awaits this: a CLI or a forked test host must not exit in the middle of a backoff.
    const timer = clock.setTimeout(
      () => {
        signal?.removeEventListener('abort', aborted);
        resolve();
      },
      ms,
      true,
    );
    signal?.addEventListener('abort', aborted, { once: true });
  });
}
