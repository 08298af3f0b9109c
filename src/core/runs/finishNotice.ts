import { runOutcome, runStatusLabel, type Run } from '../api/model';
import type { SequentumSettings } from '../settings';
import { l10n } from '../text/l10n';
import { forNotification, type NotificationText } from '../text/sinks';

/** Buttons of a run-finished notification, in the order shown (ids; {@link finishActionTitle} has their words). */
export type FinishAction = 'Open Files' | 'Open Log' | 'Run Again' | 'Why Did It Fail?' | 'Open in Dashboard';

/** The buttons' words; functions, so a title is translated when shown (after the platform installed its translator). */
const FINISH_ACTION_TITLES: Readonly<Record<FinishAction, () => string>> = {
  'Open Files': () => l10n.t('Open Files'),
  'Open Log': () => l10n.t('Open Log'),
  'Run Again': () => l10n.t('Run Again'),
  'Why Did It Fail?': () => l10n.t('Why Did It Fail?'),
  'Open in Dashboard': () => l10n.t('Open in Dashboard'),
};

/** A run-finished notification button's title, in the user's language. */
export function finishActionTitle(action: FinishAction): string {
  return FINISH_ACTION_TITLES[action]();
}

export interface FinishNotice {
  severity: 'info' | 'warning' | 'error';
  /** Translated, with the agent name and run message neutralised: no link can form. */
  message: NotificationText;
  actions: FinishAction[];
}

const MAX_SERVER_TEXT = 200;

/** "Products" or "Agent 4711". */
export function agentLabel(run: Pick<Run, 'agentId' | 'agentName'>): string {
  return run.agentName?.trim() || l10n.t('Agent {0}', run.agentId);
}

/**
 * What to show when a followed run finished, per `sequentum.notifications.runFinished`;
 * undefined when nothing is shown. Server text (the run's message) is cut short — a long stack
 * trace helps nobody here ("Why did it fail?" has the details) — and the whole message goes
 * through forNotification: VS Code renders `[label](command:…)` in notifications as a link.
 */
export function finishNotice(
  run: Run,
  setting: SequentumSettings['notifications']['runFinished'],
  /** Run health's line when the run is far outside its agent's usual range ("12 records — usually ≈ 12,400"). */
  unusual?: string,
): FinishNotice | undefined {
  const outcome = runOutcome(run.status);
  if (setting === 'off' || outcome === 'in-flight') return undefined;
  // A success that looks broken is a failure nobody else reports: shown under 'failures' too.
  const flagged = outcome === 'succeeded' && unusual !== undefined;
  if (setting === 'failures' && outcome !== 'failed' && !flagged) return undefined;
  const name = agentLabel(run);
  switch (outcome) {
    case 'succeeded': {
      if (flagged) {
        const message = l10n.t('{0}: run #{1} finished ({2}) but looks wrong: {3}.', name, run.id, runStatusLabel(run.status), unusual);
        return { severity: 'warning', message: forNotification(message), actions: ['Why Did It Fail?', 'Open Files', 'Open Log'] };
      }
      const status = runStatusLabel(run.status);
      const message =
        run.recordsExtracted === undefined
          ? l10n.t('{0}: run #{1} finished ({2}).', name, run.id, status)
          : l10n.t('{0}: run #{1} finished ({2} · {3} records).', name, run.id, status, run.recordsExtracted.toLocaleString('en-US'));
      return { severity: 'info', message: forNotification(message), actions: ['Open Files', 'Open Log', 'Open in Dashboard'] };
    }
    case 'failed': {
      const reason = forNotification(run.message, { maxLength: MAX_SERVER_TEXT });
      const message = reason ? l10n.t('{0}: run #{1} failed: {2}', name, run.id, reason) : l10n.t('{0}: run #{1} failed.', name, run.id);
      return { severity: 'error', message: forNotification(message), actions: ['Why Did It Fail?', 'Run Again', 'Open Log', 'Open in Dashboard'] };
    }
    case 'stopped':
      return { severity: 'warning', message: forNotification(l10n.t('{0}: run #{1} was stopped.', name, run.id)), actions: ['Run Again', 'Open Log', 'Open Files'] };
    default:
      return {
        severity: 'info',
        message: forNotification(l10n.t('{0}: run #{1} ended ({2}).', name, run.id, runStatusLabel(run.status, run.statusName))),
        actions: ['Open in Dashboard'],
      };
  }
}
