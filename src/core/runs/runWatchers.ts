import type { FailedRunDetail } from '../api/runsSummary';
import { Emitter, type EventLike } from '../emitter';
import type { Environment } from '../environments/environmentSource';
import type { DisposableLike } from '../lifecycle';
import type { RunWatcher } from './runWatcher';
import type { RunRef } from './runTracker';

/** A failure one environment's watcher noticed. */
export interface NoticedFailure {
  envId: string;
  failure: FailedRunDetail;
}

export interface RunWatchersDeps {
  /** The configured environments (the default one first). */
  environments(): readonly Environment[];
  /** Builds the watcher of one environment (its own client, budget and watch list). */
  create(envId: string): RunWatcher;
}

/**
 * One {@link RunWatcher} per configured environment: watching costs one runs-summary request per
 * poll per environment that has a key (a watcher without a key stops at its first try, sends
 * nothing, and waits for {@link resume}). {@link sync} follows `sequentum.environments`.
 */
export class RunWatchers implements DisposableLike {
  private readonly watchers = new Map<string, { watcher: RunWatcher; subscriptions: DisposableLike[] }>();
  private readonly noticed = new Emitter<NoticedFailure>({ name: 'RunWatchers.onDidNoticeFailure' });
  private readonly updated = new Emitter<string>({ name: 'RunWatchers.onDidUpdate' });
  /** A failure worth announcing, in any environment. */
  readonly onDidNoticeFailure: EventLike<NoticedFailure> = this.noticed.event;
  /** An environment's watcher got an answer or a failure (fires its id). */
  readonly onDidUpdate: EventLike<string> = this.updated.event;

  constructor(private readonly deps: RunWatchersDeps) {
    this.sync();
  }

  /** Environments were added or removed: watchers follow; the remaining ones may resume (a new key). */
  sync(): void {
    const wanted = new Set(this.deps.environments().map((env) => env.id));
    for (const [envId, entry] of [...this.watchers]) {
      if (wanted.has(envId)) continue;
      this.watchers.delete(envId);
      for (const subscription of entry.subscriptions) void subscription.dispose();
      entry.watcher.dispose();
    }
    for (const envId of wanted) {
      if (this.watchers.has(envId)) continue;
      const watcher = this.deps.create(envId);
      const subscriptions = [
        watcher.onDidNoticeFailure((failure) => this.noticed.fire({ envId, failure })),
        watcher.onDidUpdate(() => this.updated.fire(envId)),
      ];
      this.watchers.set(envId, { watcher, subscriptions });
    }
  }

  /** The watcher of an environment (undefined for an unknown id). */
  get(envId: string): RunWatcher | undefined {
    return this.watchers.get(envId)?.watcher;
  }

  /** The watch list, the setting or the view's visibility changed. */
  poke(): void {
    for (const { watcher } of this.watchers.values()) watcher.poke();
  }

  /** Clients changed (a key set or cleared): watchers paused for a key may poll again. */
  resume(): void {
    this.sync();
    for (const { watcher } of this.watchers.values()) watcher.resume();
  }

  /** A run this window announced itself in an environment: never announce it again. */
  markAnnounced(envId: string, ref: RunRef): void {
    this.get(envId)?.markAnnounced(ref);
  }

  /** Polls every environment now (Refresh). */
  async pollNow(): Promise<void> {
    await Promise.all([...this.watchers.values()].map(({ watcher }) => watcher.pollNow()));
  }

  dispose(): void {
    for (const { watcher, subscriptions } of this.watchers.values()) {
      for (const subscription of subscriptions) void subscription.dispose();
      watcher.dispose();
    }
    this.watchers.clear();
    this.noticed.dispose();
    this.updated.dispose();
  }
}
