import { pickPaletteAgent } from '../../core/targets/chooseEnvironment';
import { targetRefOf } from '../../core/targets/treeTargets';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forNotification } from '../../core/text/sinks';
import { findAgentNodeOf } from '../../core/tree/revealPath';
import { openInDashboard } from './openInDashboard';
import type { TreeCommandDeps } from './treeDeps';

/**
 * `sequentum.revealAgent`: shows an agent in the Agents view, selected (a click on an Upcoming
 * fire). The target is a tree node or `{agentId, envId?}`; from the palette: pick one. When the
 * tree cannot show it (past a loaded page, filtered out) the agent opens in the dashboard.
 */
export async function revealAgent(deps: TreeCommandDeps, target?: unknown): Promise<void> {
  let named = targetRefOf(target);
  if (!named) {
    const title = forIconLabel(l10n.t('Sequentum: Reveal Agent'));
    const picked = await pickPaletteAgent(deps, (envId) => deps.tree.api(envId), title);
    if (!picked) return;
    named = { envId: picked.envId, agentId: picked.agent.id, agentName: picked.agent.name };
  }
  const api = await deps.tree.api(named.envId);
  const ref = { envId: named.envId, agentId: named.agentId };
  const node = await deps.ui.withProgress(forNotification(l10n.t('Finding agent {0} in the tree…', named.agentName ?? named.agentId)), () => findAgentNodeOf(deps.tree.model, api, ref));
  if (node) {
    await deps.tree.reveal(node);
    return;
  }
  deps.log.info(`Agent ${named.agentId} is not in the loaded tree; opening it in the dashboard`);
  await openInDashboard(deps, ref);
}
