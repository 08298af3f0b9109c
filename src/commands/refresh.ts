import { asTreeNode } from './treeTargets';
import type { TreeCommandDeps } from './treeDeps';

/** Reloads the tree (view title) or one node's list (Retry on an error node). */
export function refresh(deps: TreeCommandDeps, target?: unknown): void {
  deps.tree.model.refresh(asTreeNode(target));
}
