import { dashboardUrl } from '../core/tree/dashboardUrl';
import { asKind, pickAgent } from './treeTargets';
import type { TreeCommandDeps } from './treeDeps';

/** Opens the agent or run in the Sequentum dashboard (browser). From the palette: pick an agent. */
export async function openInDashboard(deps: TreeCommandDeps, target?: unknown): Promise<void> {
  const run = asKind(target, 'run');
  const agent = asKind(target, 'agent');
  let ref: { agentId: number; runId?: number } | undefined;
  if (run) ref = { agentId: run.agentId, runId: run.run.id };
  else if (agent) ref = { agentId: agent.agent.id };
  else {
    const picked = await pickAgent(deps, await deps.tree.api(), 'Sequentum: Open in Dashboard');
    if (!picked) return;
    ref = { agentId: picked.id };
  }
  await deps.tree.workbench.openExternal(dashboardUrl(deps.tree.baseUrl(), ref));
}
