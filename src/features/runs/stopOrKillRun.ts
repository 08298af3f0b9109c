import { IN_FLIGHT_STATUSES, runStatusLabel, type Run } from '../../core/api/model';
import { agentLabel } from '../../core/runs/finishNotice';
import { refOf } from '../../core/runs/runTracker';
import { runTargetOf } from '../../core/runs/runTargets';
import { choosePaletteEnvironment } from '../../core/targets/chooseEnvironment';
import { pickInFlightRun } from './pickInFlightRun';
import { depsForEnvironment, type RunCommandDeps } from './runDeps';

const WORDING = {
  stop: {
    title: 'Sequentum: Stop Run',
    button: 'Stop Run',
    detail: 'The run shuts down gracefully; what it collected so far is kept.',
    progress: 'Stopping',
  },
  kill: {
    title: 'Sequentum: Kill Run',
    button: 'Kill Run',
    detail: 'For runs that do not respond to Stop: a second kill while the run is stopping ends its server process at once.',
    progress: 'Killing',
  },
} as const;

/**
 * Stops or kills a run in flight after a modal confirmation. The run shows "Stopping…" in the
 * tracker (and so the tree) until the server reports Stopping (5) and then its final status.
 * Returns the run acted on, or undefined when nothing was done. An argument with `confirm: false`
 * (scripts, tests) skips the modal.
 */
export async function stopOrKillRun(commandDeps: RunCommandDeps, action: 'stop' | 'kill', arg?: unknown): Promise<Run | undefined> {
  const words = WORDING[action];
  const target = runTargetOf(arg);
  // From the palette with several keyed environments: which environment's runs first.
  const chosen = target ? { envId: target.envId } : await choosePaletteEnvironment(commandDeps, words.title);
  if (!chosen) return undefined;
  const deps = depsForEnvironment(commandDeps, chosen.envId);
  let run = target ? (deps.runs.tracker.get(target)?.run ?? target.run) : (await pickInFlightRun(deps, words.title))?.run;
  if (!run && target) run = await (await deps.runs.api()).getRunStatus(target.agentId, target.runId, { priority: 'user' });
  if (!run) return undefined;
  if (target?.agentName && !run.agentName) run = { ...run, agentName: target.agentName };
  if (!IN_FLIGHT_STATUSES.has(run.status)) {
    void deps.ui.info(`${agentLabel(run)}: run #${run.id} is not in flight (${runStatusLabel(run.status, run.statusName)}).`);
    return undefined;
  }

  if (target?.confirm !== false) {
    const confirmed = await deps.ui.ask(
      `${words.button.replace(' Run', '')} ${agentLabel(run)}: run #${run.id}?`,
      { modal: true, severity: 'warning', detail: words.detail },
      words.button,
    );
    if (confirmed !== words.button) return undefined;
  }

  const ref = refOf(run);
  deps.runs.tracker.markPending(run, action === 'stop' ? 'stopping' : 'killing');
  try {
    const api = await deps.runs.api();
    await deps.ui.withProgress(`${words.progress} ${agentLabel(run)}: run #${run.id}…`, () =>
      action === 'stop' ? api.stopRun(ref.agentId, ref.runId, { priority: 'user' }) : api.killRun(ref.agentId, ref.runId, { priority: 'user' }),
    );
  } catch (error) {
    deps.runs.tracker.clearPending(ref);
    throw error;
  }
  deps.log.info(`${action} requested for run ${ref.runId} of agent ${ref.agentId}`);
  deps.runs.pollSoon(ref);
  return run;
}
