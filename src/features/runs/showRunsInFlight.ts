import { refOf } from '../../core/runs/runTracker';
import { choosePaletteEnvironment } from '../../core/targets/chooseEnvironment';
import { pickInFlightRun } from './pickInFlightRun';
import { depsForEnvironment, type RunCommandDeps } from './runDeps';
import { stopOrKillRun } from './stopOrKillRun';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forPlain, withIcon } from '../../core/text/sinks';

/** `sequentum.showRunsInFlight` (the status bar item): pick a run in flight, then what to do with it. */
export async function showRunsInFlight(commandDeps: RunCommandDeps): Promise<void> {
  const title = forIconLabel(l10n.t('Sequentum: Runs in Flight'));
  // Several keyed environments: which one's runs (each has its own tracker).
  const chosen = await choosePaletteEnvironment(commandDeps, title);
  if (!chosen) return;
  const deps = depsForEnvironment(commandDeps, chosen.envId);
  const tracked = await pickInFlightRun(deps, title);
  if (!tracked) return;
  const ref = refOf(tracked.run);
  const action = await deps.ui.pick(
    [
      { label: withIcon('link-external', forIconLabel(l10n.t('Open in Dashboard'))), value: 'dashboard' as const },
      { label: withIcon('debug-stop', forIconLabel(l10n.t('Stop Run'))), value: 'stop' as const },
      { label: withIcon('close', forIconLabel(l10n.t('Kill Run'))), description: forIconLabel(l10n.t('when Stop does not respond')), value: 'kill' as const },
    ],
    { title: forIconLabel(l10n.t('Run #{0}', ref.runId)), placeholder: forPlain(l10n.t('What to do with this run')) },
  );
  if (action === 'dashboard') await deps.runs.openInDashboard(chosen.envId ? { ...ref, envId: chosen.envId } : ref);
  else if (action) await stopOrKillRun(deps, action, chosen.envId ? { ...tracked.run, envId: chosen.envId } : tracked.run);
}
