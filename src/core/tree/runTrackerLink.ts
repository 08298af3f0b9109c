import type { Run } from '../api/model';
import type { EventLike } from '../emitter';
import type { DisposableLike } from '../lifecycle';
import type { RunNode } from './nodes';
import type { TreeModel } from './treeModel';

/** The part of the runs layer's tracker the tree listens to (structural, so either side can change). */
export interface RunChangeSource {
  readonly onDidChangeRun: EventLike<{ readonly run: Run; readonly pending?: RunNode['pending'] }>;
}

/**
 * Keeps the tree in step with followed runs: each change updates that run's node (and its agent's
 * last status) in place, without re-reading the list.
 */
export function linkRunTracker(model: TreeModel, tracker: RunChangeSource, envId: string): DisposableLike {
  return tracker.onDidChangeRun((change) => model.runChanged(envId, change.run, change.pending));
}
