/** What a task grew this process by, at its peak, against a baseline taken just before it (after a GC when exposed). */
export interface MemoryPeak<T> {
  result: T;
  /** Peak RSS growth in bytes: everything, garbage not yet collected included. */
  peakRss: number;
  /** Peak growth of live JS heap + array buffers in bytes. */
  peakHeld: number;
  seconds: number;
}

/** Runs `task` while sampling memory every `intervalMs`; the big-download and big-table sections share it. */
export async function withMemoryPeak<T>(task: () => Promise<T>, intervalMs: number): Promise<MemoryPeak<T>> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage();
  let peakRss = 0;
  let peakHeld = 0;
  const sample = (): void => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss - baseline.rss);
    peakHeld = Math.max(peakHeld, now.heapUsed + now.arrayBuffers - baseline.heapUsed - baseline.arrayBuffers);
  };
  const sampler = setInterval(sample, intervalMs);
  const started = performance.now();
  try {
    const result = await task();
    sample();
    return { result, peakRss, peakHeld, seconds: (performance.now() - started) / 1000 };
  } finally {
    clearInterval(sampler);
  }
}
