import { dashboardUrl } from '../core/tree/dashboardUrl';
import { pickAgent, targetRefOf, type TargetRef } from './treeTargets';
import type { TreeCommandDeps } from './treeDeps';

/**
 * Opens the agent or run in the Sequentum dashboard (browser). The target is a tree node or a plain
 * `{agentId, runId?, envId?}` (notifications, CodeLens); from the palette: pick an agent.
 */
export async function openInDashboard(deps: TreeCommandDeps, target?: unknown): Promise<void> {
  let ref: TargetRef | undefined = targetRefOf(target);
  if (!ref) {
    const picked = await pickAgent(deps, await deps.tree.api(), 'Sequentum: Open in Dashboard');
    if (!picked) return;
    ref = { agentId: picked.id };
  }
  await deps.tree.workbench.openExternal(dashboardUrl(deps.tree.baseUrl(ref.envId), { agentId: ref.agentId, runId: ref.runId }));
}
