import type { Run } from '../api/model';
import type { EventLike } from '../emitter';
import type { DisposableLike } from '../lifecycle';
import type { RunNode } from './nodes';
import type { TreeModel } from './treeModel';

/** The part of the runs layer's tracker the tree talks to (structural, so either side can change). */
export interface RunChangeSource {
  readonly onDidChangeRun: EventLike<{ readonly run: Run; readonly pending?: RunNode['pending'] }>;
  /** Follows the in-flight ones among runs listed elsewhere (the tree). */
  observe?(runs: readonly Run[]): void;
}

/**
 * Keeps the tree and one environment's followed runs in step, both ways: each tracker change
 * updates that run's node (and its agent's last status) in place, without re-reading the list —
 * "Starting…", "Stopping…", "Killing…" included; and the in-flight runs the tree lists are handed
 * to the tracker, so the poller follows them and their nodes change when they finish.
 */
export function linkRunTracker(model: TreeModel, tracker: RunChangeSource, envId: string): DisposableLike {
  const toTree = tracker.onDidChangeRun((change) => model.runChanged(envId, change.run, change.pending));
  const toTracker = model.onDidListRuns((event) => {
    if (event.envId === envId) tracker.observe?.(event.runs);
  });
  return {
    dispose: () => {
      void toTree.dispose();
      void toTracker.dispose();
    },
  };
}
