/**
 * The simulator clock: wall time plus a manual offset (advance). Timestamps stay close to real time;
 * run *lengths* are divided by timeScale when a run is created, so a ~2 min run takes ~120 ms at 1000.
 */
export class SimClock {
  private offsetMs = 0;

  constructor(public timeScale: number) {}

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves the clock forward as if `ms` of wall time had passed (runs progress by ms × timeScale). */
  advance(ms: number): void {
    this.offsetMs += Math.max(0, ms);
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
