import type { TreeCommandDeps } from './treeDeps';

/** Removes the agent filter (view title button shown while a filter is active). */
export function clearFilter(deps: TreeCommandDeps): void {
  deps.tree.model.setFilter({});
}
