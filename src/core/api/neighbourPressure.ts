/** The longest pause a 429 (ours or another window's, via the ledger) can impose. */
export const MAX_PAUSE_MS = 65_000;
/** Held or refused answers this many windows ago still mean the server may hold the next request. */
export const RECENT_WINDOWS = 3;
/** A response slower than this (and than the bound below) was held in the server's queue. */
const HOLD_MIN_MS = 250;
/** …or slower than this many times the typical answer. */
const HOLD_TYPICAL_FACTOR = 5;
/** The background share never drops below this fraction (at least one request per window stays). */
const MIN_FACTOR = 1 / 32;

/**
 * The key is often shared with a CI job, a teammate's machine or Sequentum's own tools, which no
 * ledger can see. Their use shows in the server's answers: our request is held in the server's
 * queue (answered far later than usual) or refused with 429, although our own count — which is
 * conservative, see budget.ts — says the window has room. Then someone else fills it.
 *
 * The reaction is the polite neighbour's: background work yields first — its share of the window
 * halves on each sign of pressure (at most once per half window) — and the user lane keeps going.
 * The share doubles back for each whole window without a sign, so the budget returns when the
 * pressure goes (multiplicative decrease, multiplicative recovery: a few windows either way).
 */
export class NeighbourPressure {
  /** The factor set at the last sign of pressure. */
  private factorAtSignal = 1;
  private lastSignalAt = -Infinity;
  /** Exponentially weighted typical time to response headers, of answers that were not held. */
  private typicalMs: number | undefined;
  private signals = 0;

  /** How many times pressure was seen (for the log and the bench). */
  get signalCount(): number {
    return this.signals;
  }

  /** Whether an answer that took `latencyMs` (send → headers) was held in the server's queue. */
  isHold(latencyMs: number): boolean {
    return latencyMs > this.holdThresholdMs();
  }

  /**
   * An answer slower than this was held in the server's queue. Judged by answer times only: a
   * neighbour spreading its requests over the window frees a slot every window ÷ its rate, so its
   * queue holds ours for a fraction of the window (90 of 100 per minute: up to about 6.7 s) — a
   * bound tied to the window length missed those holds, and background hardly yielded.
   */
  holdThresholdMs(): number {
    return Math.max(HOLD_MIN_MS, HOLD_TYPICAL_FACTOR * (this.typicalMs ?? 0));
  }

  /**
   * A request of ours in flight longer than this is being held right now, so a run start waits.
   * Stricter than {@link holdThresholdMs} (also a tenth of the window): a start must not wait on
   * one merely slow answer (a hung request would hold every start back until it times out).
   */
  inFlightHoldMs(windowMs: number): number {
    return Math.max(windowMs / 10, this.holdThresholdMs());
  }

  /** An answer arrived: a hold is a sign of pressure, any other answer teaches the typical latency. */
  observeAnswer(latencyMs: number, now: number, windowMs: number): void {
    if (this.isHold(latencyMs)) {
      this.signal(now, windowMs);
      return;
    }
    this.typicalMs = this.typicalMs === undefined ? latencyMs : 0.9 * this.typicalMs + 0.1 * latencyMs;
  }

  /** A sign that someone else fills the window (a hold, or a 429 while our count had room). */
  signal(now: number, windowMs: number): void {
    this.signals++;
    const current = this.factor(now, windowMs);
    // One halving per half window: a burst of held answers is one event, not twenty.
    if (now - this.lastSignalAt >= windowMs / 2 || current >= this.factorAtSignal) {
      this.factorAtSignal = Math.max(MIN_FACTOR, current / 2);
    } else {
      this.factorAtSignal = current;
    }
    this.lastSignalAt = now;
  }

  /** 0 < factor ≤ 1: the part of its share background work may use now. */
  factor(now: number, windowMs: number): number {
    if (this.factorAtSignal >= 1) return 1;
    const quietWindows = Math.floor((now - this.lastSignalAt) / windowMs);
    return Math.min(1, this.factorAtSignal * 2 ** Math.min(quietWindows, 32));
  }

  /** Whether pressure was seen within the last `windowMs`. */
  seenWithin(now: number, windowMs: number): boolean {
    return now - this.lastSignalAt < windowMs;
  }

  /** True while background yields. */
  yielding(now: number, windowMs: number): boolean {
    return this.factor(now, windowMs) < 1;
  }
}
