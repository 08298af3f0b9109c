import { refOf } from '../../core/runs/runTracker';
import { choosePaletteEnvironment } from '../../core/targets/chooseEnvironment';
import { pickInFlightRun } from './pickInFlightRun';
import { depsForEnvironment, type RunCommandDeps } from './runDeps';
import { stopOrKillRun } from './stopOrKillRun';

/** `sequentum.showRunsInFlight` (the status bar item): pick a run in flight, then what to do with it. */
export async function showRunsInFlight(commandDeps: RunCommandDeps): Promise<void> {
  const title = 'Sequentum: Runs in Flight';
  // Several keyed environments: which one's runs (each has its own tracker).
  const chosen = await choosePaletteEnvironment(commandDeps, title);
  if (!chosen) return;
  const deps = depsForEnvironment(commandDeps, chosen.envId);
  const tracked = await pickInFlightRun(deps, title);
  if (!tracked) return;
  const ref = refOf(tracked.run);
  const action = await deps.ui.pick(
    [
      { label: '$(link-external) Open in Dashboard', value: 'dashboard' as const },
      { label: '$(debug-stop) Stop Run', value: 'stop' as const },
      { label: '$(close) Kill Run', description: 'when Stop does not respond', value: 'kill' as const },
    ],
    { title: `Run #${ref.runId}`, placeholder: 'What to do with this run' },
  );
  if (action === 'dashboard') await deps.runs.execute('sequentum.openInDashboard', chosen.envId ? { ...ref, envId: chosen.envId } : ref);
  else if (action) await stopOrKillRun(deps, action, chosen.envId ? { ...tracked.run, envId: chosen.envId } : tracked.run);
}
