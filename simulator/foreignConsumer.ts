import type { RateLimiter } from './rateLimiter';

/** What a foreign consumer experienced since it started. */
export interface ForeignLoadSnapshot {
  key: string;
  perWindow: number;
  sent: number;
  /** Admitted at once. */
  admitted: number;
  /** Admitted after waiting in the server's queue. */
  held: number;
  /** Refused with 429 (the queue was full). */
  rateLimited: number;
  /** Longest wait in the queue, ms. */
  maxHeldMs: number;
}

/** A wait in the queue shorter than this is scheduling noise, not a hold. */
const HELD_MS = 5;

/**
 * Someone else on the same key — a CI job, a teammate's machine — that no ledger can see: it
 * sends `perWindow` requests per window, evenly spaced, straight into the key's limiter (no HTTP:
 * its figures are exact and it costs the simulator nothing). It does not retry a 429; it counts it.
 */
export class ForeignConsumer {
  private timer: NodeJS.Timeout | undefined;
  private readonly stats: ForeignLoadSnapshot;

  constructor(
    private readonly limiter: RateLimiter,
    key: string,
    perWindow: number,
  ) {
    this.stats = { key, perWindow, sent: 0, admitted: 0, held: 0, rateLimited: 0, maxHeldMs: 0 };
    if (perWindow <= 0) return;
    const gap = (limiter.windowSeconds * 1000) / perWindow;
    this.timer = setInterval(() => this.send(), gap);
    this.timer.unref();
  }

  private send(): void {
    const stats = this.stats;
    stats.sent++;
    const start = Date.now();
    void this.limiter.admit(stats.key, () => undefined).then((retryAfter) => {
      if (retryAfter !== null) {
        stats.rateLimited++;
        return;
      }
      const waited = Date.now() - start;
      if (waited >= HELD_MS) {
        stats.held++;
        stats.maxHeldMs = Math.max(stats.maxHeldMs, waited);
      } else {
        stats.admitted++;
      }
    });
  }

  snapshot(): ForeignLoadSnapshot {
    return { ...this.stats };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
