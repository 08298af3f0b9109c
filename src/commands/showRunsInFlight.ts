import { refOf } from '../core/runs/runTracker';
import { pickInFlightRun } from './pickInFlightRun';
import type { RunCommandDeps } from './runDeps';
import { stopOrKillRun } from './stopOrKillRun';

/** `sequentum.showRunsInFlight` (the status bar item): pick a run in flight, then what to do with it. */
export async function showRunsInFlight(deps: RunCommandDeps): Promise<void> {
  const tracked = await pickInFlightRun(deps, 'Sequentum: Runs in Flight');
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
  if (action === 'dashboard') await deps.runs.execute('sequentum.openInDashboard', ref);
  else if (action) await stopOrKillRun(deps, action, tracked.run);
}
