import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { FINISH_ACTION_COMMANDS, finishNotice, type FinishAction } from '../../core/runs/finishNotice';
import type { RunChangeEvent, RunTracker } from '../../core/runs/runTracker';
import type { SequentumSettings } from '../../core/settings';

/** A button's label in the user's language. */
function finishActionLabel(action: FinishAction): string {
  switch (action) {
    case 'Open Files':
      return vscode.l10n.t('Open Files');
    case 'Why Did It Fail?':
      return vscode.l10n.t('Why Did It Fail?');
    case 'Open in Dashboard':
      return vscode.l10n.t('Open in Dashboard');
  }
}

/**
 * A notification for each followed run that finishes, per `sequentum.notifications.runFinished`,
 * whose buttons run the tree helper's commands with `{agentId, runId}`.
 */
export function registerRunNotifications(
  tracker: RunTracker,
  settings: () => SequentumSettings,
  log: Logger,
  /** The run's environment when it is not the default one (passed on to the action's command). */
  envId?: string,
): { dispose(): unknown } {
  return tracker.onDidFinishRun((event: RunChangeEvent) => {
    const notice = finishNotice(event.run, settings().notifications.runFinished);
    log.info(`Run ${event.run.id} of agent ${event.run.agentId} finished with status ${event.run.status}`);
    if (!notice) return;
    const show =
      notice.severity === 'error'
        ? vscode.window.showErrorMessage
        : notice.severity === 'warning'
          ? vscode.window.showWarningMessage
          : vscode.window.showInformationMessage;
    const labels = notice.actions.map(finishActionLabel);
    void Promise.resolve(show(notice.message, ...labels)).then(async (chosen) => {
      const choice = notice.actions[labels.findIndex((label) => label === chosen)];
      if (!choice) return;
      try {
        await vscode.commands.executeCommand(FINISH_ACTION_COMMANDS[choice], { agentId: event.run.agentId, runId: event.run.id, envId });
      } catch (error) {
        log.error(`"${choice}" failed for run ${event.run.id}`, error);
      }
    });
  });
}
