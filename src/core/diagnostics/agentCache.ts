import { CancelledError } from '../api/errors';
import type { Agent } from '../api/model';
import { Emitter, type EventLike } from '../emitter';
import type { AgentIndex } from './editChecks';

/** Loads the whole agent list once (the adapter passes a background-priority `listAgents`). */
export type AgentListLoader = (signal: AbortSignal) => Promise<readonly Agent[]>;

export interface AgentCacheOptions {
  /** How long a loaded list counts as fresh, in ms. Default 5 minutes. */
  ttlMs?: number;
  /** After a failed load, how long to wait before trying again, in ms. Default 60 s. */
  retryAfterMs?: number;
  /** Clock in epoch ms; injectable for tests. */
  now?: () => number;
}

/**
 * ONE agent list shared by every edit-time check, hover and reference check: many files and
 * many keystrokes cost one request per `ttlMs`. Concurrent callers share the request in flight.
 * A failed load is remembered for `retryAfterMs` so a broken connection is not hammered.
 */
export class AgentCache {
  private index: AgentIndex | undefined;
  private loadedAt = 0;
  private failedAt: number | undefined;
  private inFlight: Promise<AgentIndex | undefined> | undefined;
  private controller: AbortController | undefined;
  private generation = 0;
  private readonly changed = new Emitter<void>({ name: 'AgentCache.onDidChange' });
  private readonly ttlMs: number;
  private readonly retryAfterMs: number;
  private readonly now: () => number;

  constructor(
    private loader: AgentListLoader | undefined,
    options: AgentCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.retryAfterMs = options.retryAfterMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The list as last loaded, without any request. */
  peek(): AgentIndex | undefined {
    return this.index;
  }

  /**
   * The list, loading it when missing or stale. Resolves undefined when no loader is set (no
   * key yet) or the load failed: callers then skip their checks rather than guess.
   */
  async get(): Promise<AgentIndex | undefined> {
    const now = this.now();
    if (this.index && now - this.loadedAt < this.ttlMs) return this.index;
    if (this.failedAt !== undefined && now - this.failedAt < this.retryAfterMs) return this.index;
    if (!this.loader) return undefined;
    this.inFlight ??= this.load(this.loader);
    return this.inFlight;
  }

  /** New client (key or base URL changed): forget everything, cancel a load in flight. */
  setLoader(loader: AgentListLoader | undefined): void {
    this.loader = loader;
    this.invalidate();
    this.index = undefined;
    this.changed.fire();
  }

  /** Marks the list stale (e.g. after the tree was refreshed); the next get() reloads. */
  invalidate(): void {
    this.generation++;
    this.controller?.abort(new CancelledError());
    this.controller = undefined;
    this.inFlight = undefined;
    this.loadedAt = 0;
    this.failedAt = undefined;
  }

  /** The list was replaced (loaded, or dropped for a new client). */
  readonly onDidChange: EventLike<void> = this.changed.event;

  dispose(): void {
    this.invalidate();
    this.changed.dispose();
  }

  private async load(loader: AgentListLoader): Promise<AgentIndex | undefined> {
    const generation = this.generation;
    const controller = new AbortController();
    this.controller = controller;
    try {
      const agents = await loader(controller.signal);
      if (generation !== this.generation) return this.index;
      this.index = new Map(agents.map((a) => [a.id, a]));
      this.loadedAt = this.now();
      this.failedAt = undefined;
      this.changed.fire();
      return this.index;
    } catch {
      if (generation !== this.generation) return this.index;
      this.failedAt = this.now();
      return this.index;
    } finally {
      if (generation === this.generation) {
        this.inFlight = undefined;
        this.controller = undefined;
      }
    }
  }
}
