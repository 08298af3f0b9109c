import { IN_FLIGHT_STATUSES, runStatusLabel, type Run } from '../../core/api/model';
import { agentLabel } from '../../core/runs/finishNotice';
import { refOf } from '../../core/runs/runTracker';
import { runTargetOf } from '../../core/runs/runTargets';
import { choosePaletteEnvironment } from '../../core/targets/chooseEnvironment';
import { pickInFlightRun } from './pickInFlightRun';
import { depsForEnvironment, type RunCommandDeps } from './runDeps';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forNotification } from '../../core/text/sinks';

/** The words of each action, translated when asked for (the translator is installed at activation). */
function wording(action: 'stop' | 'kill', run?: Run) {
  const name = run ? agentLabel(run) : '';
  const id = run?.id ?? 0;
  return action === 'stop'
    ? {
        title: forIconLabel(l10n.t('Sequentum: Stop Run')),
        button: l10n.t('Stop Run'),
        question: l10n.t('Stop {0}: run #{1}?', name, id),
        detail: l10n.t('The run shuts down gracefully; what it collected so far is kept.'),
        progress: l10n.t('Stopping {0}: run #{1}…', name, id),
      }
    : {
        title: forIconLabel(l10n.t('Sequentum: Kill Run')),
        button: l10n.t('Kill Run'),
        question: l10n.t('Kill {0}: run #{1}?', name, id),
        detail: l10n.t('For runs that do not respond to Stop: a second kill while the run is stopping ends its server process at once.'),
        progress: l10n.t('Killing {0}: run #{1}…', name, id),
      };
}

/**
 * Stops or kills a run in flight after a modal confirmation. The run shows "Stopping…" in the
 * tracker (and so the tree) until the server reports Stopping (5) and then its final status.
 * Returns the run acted on, or undefined when nothing was done. An argument with `confirm: false`
 * (scripts, tests) skips the modal.
 */
export async function stopOrKillRun(commandDeps: RunCommandDeps, action: 'stop' | 'kill', arg?: unknown): Promise<Run | undefined> {
  const { title } = wording(action);
  const target = runTargetOf(arg);
  // From the palette with several keyed environments: which environment's runs first.
  const chosen = target ? { envId: target.envId } : await choosePaletteEnvironment(commandDeps, title);
  if (!chosen) return undefined;
  const deps = depsForEnvironment(commandDeps, chosen.envId);
  let run = target ? (deps.runs.tracker.get(target)?.run ?? target.run) : (await pickInFlightRun(deps, title))?.run;
  if (!run && target) run = await (await deps.runs.api()).getRunStatus(target.agentId, target.runId, { priority: 'user' });
  if (!run) return undefined;
  if (target?.agentName && !run.agentName) run = { ...run, agentName: target.agentName };
  if (!IN_FLIGHT_STATUSES.has(run.status)) {
    void deps.ui.info(forNotification(l10n.t('{0}: run #{1} is not in flight ({2}).', agentLabel(run), run.id, runStatusLabel(run.status, run.statusName))));
    return undefined;
  }

  const words = wording(action, run);
  if (target?.confirm !== false) {
    const confirmed = await deps.ui.ask(
      forNotification(words.question),
      { modal: true, severity: 'warning', detail: forNotification(words.detail, { multiline: true }) },
      words.button,
    );
    if (confirmed !== words.button) return undefined;
  }

  const ref = refOf(run);
  deps.runs.tracker.markPending(run, action === 'stop' ? 'stopping' : 'killing');
  try {
    const api = await deps.runs.api();
    await deps.ui.withProgress(forNotification(words.progress), () =>
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
