import type { SequentumApi } from '../../core/api/sequentumApi';
import { choosePaletteEnvironment, type PaletteEnvironmentDeps } from '../../core/targets/chooseEnvironment';
import { pickAgent } from '../../core/targets/pickAgent';
import { pickRun, targetRefOf } from '../../core/targets/treeTargets';
import { l10n } from '../../core/text/l10n';
import { forIconLabel } from '../../core/text/sinks';
import type { UserInterface } from '../../core/ui';

/** One run whose log to show. */
export interface LogRef {
  envId?: string;
  agentId: number;
  agentName?: string;
  runId: number;
}

/** Shows a run's log as a document and follows it while the run is in flight. */
export interface LogDocumentsPort {
  open(ref: LogRef, api: SequentumApi): Promise<void>;
}

export interface OpenLogDeps extends PaletteEnvironmentDeps {
  ui: UserInterface;
  tree: {
    /** The environment's client (undefined = the default one); rejects with NoApiKeyError without a key. */
    api(envId?: string): Promise<SequentumApi>;
    readonly locale?: string;
  };
  logs: LogDocumentsPort;
}

/**
 * `sequentum.openLog`: a run's log as a read-only document that follows the run while it is in
 * flight. From a run (tree node, file node, `{agentId, runId}` from a notification): that run;
 * from an agent: one of its runs; from the palette: agent, then run.
 */
export async function openLog(deps: OpenLogDeps, target?: unknown): Promise<void> {
  const named = targetRefOf(target);
  const title = forIconLabel(l10n.t('Sequentum: Open Run Log'));
  const chosen = named ? { envId: named.envId } : await choosePaletteEnvironment(deps, title);
  if (!chosen) return;
  const api = await deps.tree.api(chosen.envId);
  const agent = named ? { id: named.agentId, name: named.agentName ?? l10n.t('Agent {0}', named.agentId) } : await pickAgent(deps, api, { title });
  if (!agent) return;
  const runId = named?.runId ?? (await pickRun(deps, api, agent, title))?.id;
  if (runId === undefined) return;
  await deps.logs.open({ ...(chosen.envId !== undefined ? { envId: chosen.envId } : {}), agentId: agent.id, agentName: named?.agentName ?? agent.name, runId }, api);
}
