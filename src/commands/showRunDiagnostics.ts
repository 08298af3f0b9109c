import { diagnosticsMarkdown } from '../core/failures/diagnosticsMarkdown';
import { choosePaletteEnvironment } from './chooseEnvironment';
import { isFailed, pickAgent, pickRun, targetRefOf, type TargetRef } from './treeTargets';
import type { TreeCommandDeps } from './treeDeps';

/**
 * "Why did it fail?": the analytics diagnostics of a failed run (or the agent's latest failure) as a
 * read-only Markdown document. From a run (node or `{agentId, runId}`): that run; from an agent
 * (node or `{agentId}`): its latest failure; from the palette: agent → failed run.
 */
export async function showRunDiagnostics(deps: TreeCommandDeps, target?: unknown): Promise<void> {
  let ref: TargetRef | undefined = targetRefOf(target);
  const title = 'Sequentum: Why Did It Fail?';
  // From the palette with several keyed environments: which one first.
  const chosen = ref ? { envId: ref.envId } : await choosePaletteEnvironment(deps, title);
  if (!chosen) return;
  const api = await deps.tree.api(chosen.envId);
  if (!ref) {
    const agent = await pickAgent(deps, api, title);
    if (!agent) return;
    const run = await pickRun(deps, api, agent, title, isFailed);
    if (!run) return;
    ref = { agentId: agent.id, agentName: agent.name, runId: run.id, envId: chosen.envId };
  }
  const { agentId, agentName, runId } = ref;
  const diagnostics = await deps.ui.withProgress('Asking Sequentum why the run failed…', () =>
    runId !== undefined ? api.getRunDiagnostics(agentId, runId) : api.getLatestFailure(agentId),
  );
  const markdown = diagnosticsMarkdown(diagnostics, { agentId, agentName, runId: runId ?? diagnostics.runId, locale: deps.tree.locale });
  await deps.tree.workbench.showMarkdown(`agent-${agentId}/run-${runId ?? diagnostics.runId ?? 'latest'}.md`, markdown);
}
