import type { Run } from '../api/model';
import { Emitter, type EventLike } from '../emitter';
import type { DisposableLike } from '../lifecycle';
import type { RunRef, RunTracker } from './runTracker';

/** A run a tracker reported, with the environment of that tracker. */
export interface FollowedRunEvent {
  envId: string;
  run: Run;
}

/**
 * The runs this window follows, in every environment: each environment's tracker is linked here when
 * the runs feature builds it (the default one at start, others when first used). Watching asks it
 * whether a run is followed here (its finish is the run poller's to announce) and hears finishes
 * and changes with their environment.
 */
export class FollowedRuns implements DisposableLike {
  private readonly trackers = new Map<string, RunTracker>();
  private readonly finished = new Emitter<FollowedRunEvent>({ name: 'FollowedRuns.onDidFinishRun' });
  private readonly changed = new Emitter<FollowedRunEvent>({ name: 'FollowedRuns.onDidChangeRun' });
  /** A followed run finished (the run poller announced it). */
  readonly onDidFinishRun: EventLike<FollowedRunEvent> = this.finished.event;
  /** A followed run changed (status, counters). */
  readonly onDidChangeRun: EventLike<FollowedRunEvent> = this.changed.event;

  link(tracker: RunTracker, envId: string): DisposableLike {
    this.trackers.set(envId, tracker);
    const subscriptions = [
      tracker.onDidFinishRun((event) => this.finished.fire({ envId, run: event.run })),
      tracker.onDidChangeRun((event) => this.changed.fire({ envId, run: event.run })),
    ];
    return {
      dispose: () => {
        if (this.trackers.get(envId) === tracker) this.trackers.delete(envId);
        for (const subscription of subscriptions) void subscription.dispose();
      },
    };
  }

  isFollowed(envId: string, ref: RunRef): boolean {
    return this.trackers.get(envId)?.get(ref) !== undefined;
  }

  dispose(): void {
    this.trackers.clear();
    this.finished.dispose();
    this.changed.dispose();
  }
}
