/**
 * Per-key rate limit as documented: at most L requests in any W-second window (sliding log), then a
 * queue of 10 requests held until the window frees, then 429 with Retry-After (seconds).
 */
interface Waiter {
  resolve: (retryAfter: number | null) => void;
  cancelled: boolean;
}

interface Bucket {
  stamps: number[];
  queue: Waiter[];
  timer?: NodeJS.Timeout;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(public limit: number, public windowSeconds: number, public queueSize = 10) {}

  private get windowMs(): number {
    return this.windowSeconds * 1000;
  }

  private bucket(key: string): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      b = { stamps: [], queue: [] };
      this.buckets.set(key, b);
    }
    return b;
  }

  private prune(b: Bucket, now: number): void {
    while (b.stamps.length > 0 && (b.stamps[0]) + this.windowMs <= now) b.stamps.shift();
  }

  /**
   * Resolves with null when the request may proceed (at once or after waiting in the queue), or with
   * Retry-After seconds when the queue is full. `onAbort` registers a callback for a client that gives up.
   */
  admit(key: string, onAbort: (cancel: () => void) => void): Promise<number | null> {
    const b = this.bucket(key);
    const now = Date.now();
    this.prune(b, now);
    if (b.queue.length === 0 && b.stamps.length < this.limit) {
      b.stamps.push(now);
      return Promise.resolve(null);
    }
    if (b.queue.length < this.queueSize) {
      return new Promise((resolve) => {
        const waiter: Waiter = { resolve, cancelled: false };
        b.queue.push(waiter);
        onAbort(() => {
          waiter.cancelled = true;
          const i = b.queue.indexOf(waiter);
          if (i >= 0) b.queue.splice(i, 1);
        });
        this.schedule(b);
      });
    }
    // The queued requests take the next slots that free up; a new request gets the one after them.
    const slot = b.stamps[Math.min(b.queue.length, b.stamps.length - 1)] ?? now;
    return Promise.resolve(Math.max(1, Math.ceil((slot + this.windowMs - now) / 1000)));
  }

  private schedule(b: Bucket): void {
    if (b.timer || b.queue.length === 0) return;
    const now = Date.now();
    this.prune(b, now);
    const wait = b.stamps.length >= this.limit ? (b.stamps[0]) + this.windowMs - now : 0;
    b.timer = setTimeout(() => {
      b.timer = undefined;
      const t = Date.now();
      this.prune(b, t);
      while (b.queue.length > 0 && b.stamps.length < this.limit) {
        const w = b.queue.shift() as Waiter;
        if (w.cancelled) continue;
        b.stamps.push(t);
        w.resolve(null);
      }
      this.schedule(b);
    }, Math.max(0, wait));
  }

  /** Requests admitted in the current window, and queued now (for counters / debugging). */
  snapshot(key: string): { inWindow: number; queued: number } {
    const b = this.bucket(key);
    this.prune(b, Date.now());
    return { inWindow: b.stamps.length, queued: b.queue.length };
  }

  configure(limit: number, windowSeconds: number): void {
    this.limit = limit;
    this.windowSeconds = windowSeconds;
    this.reset();
  }

  /** Forgets all windows; queued requests are let through (nothing should hang on a reset). */
  reset(): void {
    for (const b of this.buckets.values()) {
      if (b.timer) clearTimeout(b.timer);
      for (const w of b.queue) w.resolve(null);
    }
    this.buckets.clear();
  }
}
