import { choosePaletteEnvironment, type PaletteEnvironmentDeps } from '../../core/targets/chooseEnvironment';
import { pickAgent } from '../../core/targets/pickAgent';
import { targetRefOf } from '../../core/targets/treeTargets';
import type { SequentumApi } from '../../core/api/sequentumApi';
import type { UserInterface } from '../../core/ui';
import { l10n } from '../../core/text/l10n';
import { forIconLabel } from '../../core/text/sinks';

/** The agent an insights panel shows. */
export interface InsightsTarget {
  /** undefined = the default environment. */
  envId?: string;
  agentId: number;
  agentName: string;
}

/** What "Show Agent Insights" needs: the UI, an environment's client, and the panels. */
export interface InsightsDeps extends PaletteEnvironmentDeps {
  ui: UserInterface;
  /** The environment's current client (undefined = the default one); rejects with NoApiKeyError without a key. */
  api(envId?: string): Promise<SequentumApi>;
  /** Opens the agent's panel, or reveals it when it is open (without asking the server again). */
  showPanel(target: InsightsTarget): void;
}

/**
 * `sequentum.showAgentInsights`: charts of an agent's recent runs and cost. From an agent (tree
 * node, or `{agentId, agentName?, envId?}`) or a run of it: that agent; from the palette:
 * environment (when several) → agent pick. The panel loads its numbers itself and shows its own
 * loading, empty and error states.
 */
export async function showAgentInsights(deps: InsightsDeps, target?: unknown): Promise<void> {
  const ref = targetRefOf(target);
  if (ref) {
    deps.showPanel({ envId: ref.envId, agentId: ref.agentId, agentName: ref.agentName ?? l10n.t('Agent {0}', ref.agentId) });
    return;
  }
  const title = forIconLabel(l10n.t('Sequentum: Show Agent Insights'));
  const chosen = await choosePaletteEnvironment(deps, title);
  if (!chosen) return;
  const agent = await pickAgent(deps, await deps.api(chosen.envId), { title });
  if (agent) deps.showPanel({ envId: chosen.envId, agentId: agent.id, agentName: agent.name });
}
