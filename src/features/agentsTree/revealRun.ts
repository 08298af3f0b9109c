import { findRunNode } from '../../core/tree/revealPath';
import { openInDashboard } from './openInDashboard';
import { pickRun, targetRefOf } from '../../core/targets/treeTargets';
import { pickAgent } from '../../core/targets/pickAgent';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forNotification } from '../../core/text/sinks';
import type { TreeCommandDeps } from './treeDeps';

/**
 * `sequentum.revealRun`: shows a run in the Agents view, selected ("Open Existing Run", the
 * run-config CodeLens "Open run", notifications). The target is a run node or `{agentId, runId,
 * envId?}`; with only an agent it asks for the run; from the palette agent → run. When the tree
 * cannot show it (the agent is past the loaded page of a large space, or filtered out) the run opens
 * in the dashboard instead, so the command always shows the run somewhere.
 */
export async function revealRun(deps: TreeCommandDeps, target?: unknown): Promise<void> {
  const named = targetRefOf(target);
  const api = await deps.tree.api(named?.envId);
  const title = forIconLabel(l10n.t('Sequentum: Reveal Run'));
  const agent = named ? { id: named.agentId, name: named.agentName ?? l10n.t('Agent {0}', named.agentId) } : await pickAgent(deps, api, { title });
  if (!agent) return;
  const runId = named?.runId ?? (await pickRun(deps, api, agent, title))?.id;
  if (runId === undefined) return;
  const ref = { envId: named?.envId, agentId: agent.id, runId };
  const node = await deps.ui.withProgress(forNotification(l10n.t('Finding run #{0} in the tree…', runId)), () => findRunNode(deps.tree.model, api, ref));
  if (node) {
    await deps.tree.reveal(node);
    return;
  }
  deps.log.info(`Run ${runId} of agent ${agent.id} is not in the loaded tree; opening it in the dashboard`);
  await openInDashboard(deps, ref);
}
