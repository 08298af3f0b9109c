import type { Run } from '../../core/api/model';
import type { Logger } from '../../core/log';
import { finishActionTitle, finishNotice, type FinishAction } from '../../core/runs/finishNotice';
import type { RunChangeEvent, RunTracker } from '../../core/runs/runTracker';
import type { SequentumSettings } from '../../core/settings';
import { vscodeUserInterface } from '../../platform/vscodeUserInterface';

/** What each button of a run-finished notification does with `{agentId, runId, envId?}` (other features' commands, in-process). */
export type FinishActions = Readonly<Record<FinishAction, (ref: { agentId: number; runId: number; envId?: string }) => Promise<void>>>;

/**
 * A notification for each followed run that finishes, per `sequentum.notifications.runFinished`,
 * whose buttons run the Agents view's and Why Did It Fail?'s commands with `{agentId, runId}`.
 */
export function registerRunNotifications(
  tracker: RunTracker,
  actions: FinishActions,
  settings: () => SequentumSettings,
  log: Logger,
  /** The run's environment when it is not the default one (passed on to the action's command). */
  envId?: string,
  /** Run health's line for a finished run that looks wrong (undefined = as usual or not judged). */
  unusual?: (run: Run) => string | undefined,
): { dispose(): unknown } {
  return tracker.onDidFinishRun((event: RunChangeEvent) => {
    log.info(`Run ${event.run.id} of agent ${event.run.agentId} finished with status ${event.run.status}`);
    showFinishNotice(event.run, settings().notifications.runFinished, actions, log, envId, unusual?.(event.run));
  });
}

/**
 * The run-finished notification of one run (per `setting`), with its buttons. Also the path for
 * runs this window did not follow — a watched agent's scheduled run that failed (activity feature).
 */
export function showFinishNotice(
  run: Run,
  setting: SequentumSettings['notifications']['runFinished'],
  actions: FinishActions,
  log: Logger,
  envId?: string,
  /** Run health's line when the run looks wrong. */
  unusual?: string,
): void {
  const notice = finishNotice(run, setting, unusual);
  if (!notice) return;
  // Through the UserInterface port: it reports the shown notification (host tests wait on it).
  const labels = notice.actions.map(finishActionTitle);
  const ui = vscodeUserInterface;
  const shown = notice.severity === 'error' ? ui.error(notice.message, ...labels) : notice.severity === 'warning' ? ui.warn(notice.message, ...labels) : ui.info(notice.message, ...labels);
  void shown.then(async (chosen) => {
    const choice = notice.actions[labels.findIndex((label) => label === chosen)];
    if (!choice) return;
    try {
      await actions[choice]({ agentId: run.agentId, runId: run.id, envId });
    } catch (error) {
      log.error(`"${choice}" failed for run ${run.id}`, error);
    }
  });
}
