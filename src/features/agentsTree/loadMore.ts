import { asKind } from '../../core/targets/treeTargets';
import type { TreeCommandDeps } from './treeDeps';

/** "Load more…": the next page of agents or more runs. Internal (hidden from the palette). */
export async function loadMore(deps: TreeCommandDeps, target?: unknown): Promise<void> {
  const node = asKind(target, 'loadMore');
  if (node) await deps.tree.model.loadMore(node);
}
