import { CancelledError } from './errors';

// How a download waits (between attempts) and how often it reports progress.

const PROGRESS_INTERVAL_MS = 100;

/** `onProgress` at most every 100 ms, and always for the final call. */
export function throttledProgress(onProgress: ((received: number, total: number | undefined) => void) | undefined) {
  let last = -Infinity;
  return (received: number, total: number | undefined, final = false): void => {
    if (!onProgress) return;
    const now = performance.now();
    if (!final && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    onProgress(received, total);
  };
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
