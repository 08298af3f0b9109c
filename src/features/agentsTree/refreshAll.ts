import type { TreeCommandDeps } from './treeDeps';

/**
 * The view title's Refresh: always the whole tree. VS Code passes the *focused* tree item to
 * view/title commands, so `refresh` there reloaded only the selected node (seen in the UI tier).
 */
export function refreshAll(deps: TreeCommandDeps): void {
  deps.tree.model.refresh();
}
