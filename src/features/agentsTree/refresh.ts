import { asTreeNode } from '../../core/targets/treeTargets';
import type { TreeCommandDeps } from './treeDeps';

/** Reloads one node's list (context menu, Retry on an error node) or, without a node, the tree. */
export function refresh(deps: TreeCommandDeps, target?: unknown): void {
  deps.tree.model.refresh(asTreeNode(target));
}
