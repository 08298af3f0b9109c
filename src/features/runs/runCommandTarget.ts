import { IN_FLIGHT_STATUSES } from '../../core/api/model';
import type { SequentumApi } from '../../core/api/sequentumApi';
import type { RunTarget } from '../../core/runs/runTargets';
import { choosePaletteEnvironment } from '../../core/targets/chooseEnvironment';
import { pickAgent } from '../../core/targets/pickAgent';
import { pickRun } from '../../core/targets/treeTargets';
import type { IconLabelText } from '../../core/text/sinks';
import { depsForEnvironment, type RunCommandDeps } from './runDeps';

/** The environment a run command acts in: its deps and its client. */
export interface CommandEnvironment {
  envId: string | undefined;
  deps: RunCommandDeps;
  api: SequentumApi;
}

/**
 * The target's environment (a tree node or an argument naming `envId`), else the one picked in
 * the palette when several are keyed. Undefined when that pick was dismissed.
 */
export async function commandEnvironment(commandDeps: RunCommandDeps, target: { envId?: string } | undefined, title: IconLabelText): Promise<CommandEnvironment | undefined> {
  const chosen = target ? { envId: target.envId } : await choosePaletteEnvironment(commandDeps, title);
  if (!chosen) return undefined;
  const deps = depsForEnvironment(commandDeps, chosen.envId);
  return { envId: chosen.envId, deps, api: await deps.runs.api() };
}

/**
 * A finished run picked in the palette (Run Again, Delete Run): an agent (recent ones first), then
 * one of its runs that is not in flight. Undefined when a pick was dismissed.
 */
export async function pickFinishedRun({ deps, api }: CommandEnvironment, title: IconLabelText): Promise<RunTarget | undefined> {
  const agent = await pickAgent(deps, api, { title, recentIds: deps.runs.recentAgents.ids() });
  if (!agent) return undefined;
  const picked = await pickRun({ ui: deps.ui, tree: {} }, api, agent, title, (run) => !IN_FLIGHT_STATUSES.has(run.status));
  return picked ? { agentId: agent.id, runId: picked.id, agentName: agent.name, confirm: true } : undefined;
}
