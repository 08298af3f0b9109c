import { diagnosticsMarkdown } from '../../core/failures/diagnosticsMarkdown';
import { healthMarkdown } from '../../core/health/healthText';
import type { RunHealth } from '../../core/health/runHealth';
import { joinMarkdown } from '../../core/text/markdownText';
import { choosePaletteEnvironment } from '../../core/targets/chooseEnvironment';
import { isFailed, pickRun, targetRefOf, type TargetRef } from '../../core/targets/treeTargets';
import { pickAgent } from '../../core/targets/pickAgent';
import type { SequentumApi } from '../../core/api/sequentumApi';
import type { UserInterface } from '../../core/ui';
import type { Workbench } from '../../core/workbench';
import type { PaletteEnvironmentDeps } from '../../core/targets/chooseEnvironment';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forNotification } from '../../core/text/sinks';

/** What "Why did it fail?" needs: the UI, an environment's client, and the workbench to show the document. */
export interface WhyFailedDeps extends PaletteEnvironmentDeps {
  ui: UserInterface;
  tree: {
    /** The environment's current client (undefined = the default one); rejects with NoApiKeyError without a key. */
    api(envId?: string): Promise<SequentumApi>;
    workbench: Workbench;
    /** Locale for numbers and dates in the document; undefined = runtime default. */
    readonly locale?: string;
    /** Run health of a run against its agent's earlier runs (a section above the server's diagnostics). */
    health?(envId: string | undefined, agentId: number, runId: number): Promise<RunHealth | undefined>;
  };
}

/**
 * "Why did it fail?": the analytics diagnostics of a failed run (or the agent's latest failure) as a
 * read-only Markdown document. From a run (node or `{agentId, runId}`): that run; from an agent
 * (node or `{agentId}`): its latest failure; from the palette: agent → failed run.
 */
export async function showRunDiagnostics(deps: WhyFailedDeps, target?: unknown): Promise<void> {
  let ref: TargetRef | undefined = targetRefOf(target);
  const title = forIconLabel(l10n.t('Sequentum: Why Did It Fail?'));
  // From the palette with several keyed environments: which one first.
  const chosen = ref ? { envId: ref.envId } : await choosePaletteEnvironment(deps, title);
  if (!chosen) return;
  const api = await deps.tree.api(chosen.envId);
  if (!ref) {
    const agent = await pickAgent(deps, api, { title });
    if (!agent) return;
    const run = await pickRun(deps, api, agent, title, isFailed);
    if (!run) return;
    ref = { agentId: agent.id, agentName: agent.name, runId: run.id, envId: chosen.envId };
  }
  const { agentId, agentName, runId } = ref;
  const diagnostics = await deps.ui.withProgress(forNotification(l10n.t('Asking Sequentum why the run failed…')), () =>
    runId !== undefined ? api.getRunDiagnostics(agentId, runId) : api.getLatestFailure(agentId),
  );
  const server = diagnosticsMarkdown(diagnostics, { agentId, agentName, runId: runId ?? diagnostics.runId, locale: deps.tree.locale });
  // Which measure was off and by how much, for a run that succeeded but looks wrong (none for a failed run).
  const health = runId !== undefined && deps.tree.health ? await deps.tree.health(ref.envId, agentId, runId).catch(() => undefined) : undefined;
  const section = healthMarkdown(health, deps.tree.locale);
  const markdown = section ? joinMarkdown([section, server], '\n\n') : server;
  await deps.tree.workbench.showMarkdown(`agent-${agentId}/run-${runId ?? diagnostics.runId ?? 'latest'}.md`, markdown);
}
