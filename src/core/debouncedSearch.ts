import type { DisposableLike } from './lifecycle';
import type { Clock } from './clock';

export interface DebouncedSearchOptions<R> {
  clock: Pick<Clock, 'setTimeout'>;
  /** ms of quiet before a search starts. */
  delayMs: number;
  search(query: string, signal: AbortSignal): Promise<R>;
  /** Results of the latest query only (older answers are dropped); `query` '' = cleared. */
  onResults(query: string, results: R | undefined): void;
  /** A search failed (not aborted); the pick keeps its items. */
  onError?(error: unknown): void;
  /** A search started / ended (busy indicator). */
  onBusy?(busy: boolean): void;
}

/**
 * Turns keystrokes into few searches: waits `delayMs` after the last change, aborts the search of
 * an older query when the text changes, and delivers only the latest query's results. An empty
 * query searches nothing (the caller shows its initial items).
 */
export class DebouncedSearch<R> implements DisposableLike {
  private timer: DisposableLike | undefined;
  private inFlight: AbortController | undefined;
  private latest = '';

  constructor(private readonly options: DebouncedSearchOptions<R>) {}

  /** The text changed. */
  changed(value: string): void {
    const query = value.trim();
    if (query === this.latest) return;
    this.latest = query;
    this.cancel();
    if (query === '') {
      this.options.onResults('', undefined);
      return;
    }
    this.timer = this.options.clock.setTimeout(() => void this.run(query), this.options.delayMs);
  }

  dispose(): void {
    this.cancel();
  }

  private cancel(): void {
    this.timer?.dispose();
    this.timer = undefined;
    if (this.inFlight) {
      this.inFlight.abort();
      this.inFlight = undefined;
      this.options.onBusy?.(false);
    }
  }

  private async run(query: string): Promise<void> {
    this.timer = undefined;
    const controller = new AbortController();
    this.inFlight = controller;
    this.options.onBusy?.(true);
    try {
      const results = await this.options.search(query, controller.signal);
      if (controller.signal.aborted || query !== this.latest) return;
      this.options.onResults(query, results);
    } catch (error) {
      if (!controller.signal.aborted) this.options.onError?.(error);
    } finally {
      if (this.inFlight === controller) {
        this.inFlight = undefined;
        this.options.onBusy?.(false);
      }
    }
  }
}
