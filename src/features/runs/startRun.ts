import { isRunConfigStartArgs } from '../../core/runConfig/runConfigSource';
import type { StartOutcome } from '../../core/runs/runStarter';
import { agentTargetOf, type AgentTarget } from '../../core/runs/runTargets';
import { askStartOptions } from './askStartOptions';
import { choosePaletteEnvironment } from '../../core/targets/chooseEnvironment';
import { pickAgent } from '../../core/targets/pickAgent';
import { depsForEnvironment, type RunCommandDeps } from './runDeps';
import { startAgent } from './startAgent';
import { l10n } from '../../core/text/l10n';
import { forIconLabel } from '../../core/text/sinks';

/**
 * `sequentum.startRun`. With an agent argument (tree node, `{agentId}`, run-config CodeLens with
 * `options` and `source`) it starts that agent; from the palette it asks for the agent and its
 * input parameters first. Returns the outcome (the CodeLens maps refusals onto its file).
 */
export async function startRun(commandDeps: RunCommandDeps, arg?: unknown, options?: unknown): Promise<StartOutcome> {
  let target: AgentTarget | undefined = agentTargetOf(arg, options);
  let deps = depsForEnvironment(commandDeps, target?.envId);
  if (!target) {
    // Several environments with a key: which one first (none asked with one).
    const chosen = await choosePaletteEnvironment(commandDeps, forIconLabel(l10n.t('Sequentum: Start Run')));
    if (!chosen) return { kind: 'cancelled' };
    deps = depsForEnvironment(commandDeps, chosen.envId);
    const api = await deps.runs.api();
    const agent = await pickAgent(deps, api, {
      title: forIconLabel(l10n.t('Sequentum: Start Run')),
      placeholder: l10n.t('Agent to start (type to search by name or id)'),
      recentIds: deps.runs.recentAgents.ids(),
    });
    if (!agent) return { kind: 'cancelled' };
    const startOptions = await askStartOptions(deps, api, agent);
    if (!startOptions) return { kind: 'cancelled' };
    target = { agentId: agent.id, agentName: agent.name, agent, options: startOptions };
  }
  const outcome = await startAgent(deps, target);
  // An unclear start is neither a refusal nor a run of this entry until the user picks one.
  if (isRunConfigStartArgs(arg) && outcome.kind !== 'unclear') deps.runs.runConfigProblems?.reportStartResult(arg.source, outcome);
  return outcome;
}
