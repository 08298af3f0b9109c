import { dashboardUrl } from '../../core/tree/dashboardUrl';
import { pickPaletteAgent } from '../../core/targets/chooseEnvironment';
import { targetRefOf, type TargetRef } from '../../core/targets/treeTargets';
import type { TreeCommandDeps } from './treeDeps';
import { l10n } from '../../core/text/l10n';
import { forIconLabel } from '../../core/text/sinks';

/**
 * Opens the agent or run in the Sequentum dashboard (browser). The target is a tree node or a plain
 * `{agentId, runId?, envId?}` (notifications, CodeLens); from the palette: pick an agent.
 */
export async function openInDashboard(deps: TreeCommandDeps, target?: unknown): Promise<void> {
  let ref: TargetRef | undefined = targetRefOf(target);
  if (!ref) {
    const title = forIconLabel(l10n.t('Sequentum: Open in Dashboard'));
    // Several keyed environments: which one first (its agents, its dashboard).
    const picked = await pickPaletteAgent(deps, (envId) => deps.tree.api(envId), title);
    if (!picked) return;
    ref = { agentId: picked.agent.id, envId: picked.envId };
  }
  await deps.tree.workbench.openExternal(dashboardUrl(deps.tree.baseUrl(ref.envId), { agentId: ref.agentId, runId: ref.runId }));
}
