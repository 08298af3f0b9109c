import { runOutcome, runStatusLabel, type Run } from '../api/model';
import type { SequentumSettings } from '../settings';

/** Buttons of a run-finished notification, in the order shown. */
export type FinishAction = 'Open Files' | 'Why Did It Fail?' | 'Open in Dashboard';

/** The command each button runs, with the run `{agentId, runId}` as its argument (tree helper's commands). */
export const FINISH_ACTION_COMMANDS: Readonly<Record<FinishAction, string>> = {
  'Open Files': 'sequentum.openFile',
  'Why Did It Fail?': 'sequentum.showRunDiagnostics',
  'Open in Dashboard': 'sequentum.openInDashboard',
};

export interface FinishNotice {
  severity: 'info' | 'warning' | 'error';
  message: string;
  actions: FinishAction[];
}

const MAX_SERVER_TEXT = 200;

/** "Products" or "Agent 4711". */
export function agentLabel(run: Pick<Run, 'agentId' | 'agentName'>): string {
  return run.agentName?.trim() || `Agent ${run.agentId}`;
}

/**
 * What to show when a followed run finished, per `sequentum.notifications.runFinished`;
 * undefined when nothing is shown. Server text (the run's message) is cut short: notifications are
 * plain text, but a long stack trace helps nobody here ("Why did it fail?" has the details).
 */
export function finishNotice(run: Run, setting: SequentumSettings['notifications']['runFinished']): FinishNotice | undefined {
  const outcome = runOutcome(run.status);
  if (setting === 'off' || outcome === 'in-flight') return undefined;
  if (setting === 'failures' && outcome !== 'failed') return undefined;
  const name = `${agentLabel(run)}: run #${run.id}`;
  switch (outcome) {
    case 'succeeded': {
      const records = run.recordsExtracted === undefined ? '' : ` · ${run.recordsExtracted.toLocaleString('en-US')} records`;
      return { severity: 'info', message: `${name} finished (${runStatusLabel(run.status)}${records}).`, actions: ['Open Files', 'Open in Dashboard'] };
    }
    case 'failed': {
      const text = run.message?.replace(/\s+/g, ' ').trim();
      const reason = text ? `: ${text.length > MAX_SERVER_TEXT ? `${text.slice(0, MAX_SERVER_TEXT - 1)}…` : text}` : '.';
      return { severity: 'error', message: `${name} failed${reason}`, actions: ['Why Did It Fail?', 'Open Files', 'Open in Dashboard'] };
    }
    case 'stopped':
      return { severity: 'warning', message: `${name} was stopped.`, actions: ['Open Files', 'Open in Dashboard'] };
    default:
      return { severity: 'info', message: `${name} ended (${runStatusLabel(run.status, run.statusName)}).`, actions: ['Open in Dashboard'] };
  }
}
