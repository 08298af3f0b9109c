import { asTreeNode } from '../../core/targets/treeTargets';
import type { TreeCommandDeps } from './treeDeps';

/** Reloads one node's list (context menu, Retry on an error node) or, without a node, the tree. */
export function refresh(deps: TreeCommandDeps, target?: unknown): void {
  deps.tree.model.refresh(asTreeNode(target));
}

/**
 * The view title's Refresh: always the whole tree. VS Code passes the *focused* tree item to
 * view/title commands, so `refresh` there reloaded only the selected node (seen in the UI tier).
 */
export function refreshAll(deps: TreeCommandDeps): void {
  deps.tree.model.refresh();
}
