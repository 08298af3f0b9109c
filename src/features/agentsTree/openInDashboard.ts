import { dashboardUrl } from '../../core/tree/dashboardUrl';
import { choosePaletteEnvironment } from '../../core/targets/chooseEnvironment';
import { targetRefOf, type TargetRef } from '../../core/targets/treeTargets';
import { pickAgent } from '../../core/targets/pickAgent';
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
    const chosen = await choosePaletteEnvironment(deps, title);
    if (!chosen) return;
    const picked = await pickAgent(deps, await deps.tree.api(chosen.envId), { title });
    if (!picked) return;
    ref = { agentId: picked.id, envId: chosen.envId };
  }
  await deps.tree.workbench.openExternal(dashboardUrl(deps.tree.baseUrl(ref.envId), { agentId: ref.agentId, runId: ref.runId }));
}
