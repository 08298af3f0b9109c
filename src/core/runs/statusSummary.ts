import { agentLabel } from './finishNotice';
import type { TrackedRun } from './runTracker';

/** The part of the client's budget snapshot the status bar shows. */
export interface BudgetView {
  limit: number;
  windowSeconds: number;
  usedInWindow: number;
  backgroundLimit?: number;
  queuedUser?: number;
  queuedBackground?: number;
  /** Epoch ms until which nothing is sent (after a 429). */
  pausedUntil?: number;
}

export interface StatusSummary {
  visible: boolean;
  /** With codicons, e.g. "$(sync~spin) 2 · 87/100". */
  text: string;
  tooltip: string;
}

const PENDING = { starting: 'starting…', stopping: 'stopping…', killing: 'killing…' } as const;

/**
 * What the runs status bar item shows: runs in flight and the requests left in the budget window.
 * Hidden while nothing is in flight and the budget is untouched (no noise for idle users).
 */
export function statusSummary(runs: readonly TrackedRun[], budget: BudgetView | undefined, now: number): StatusSummary {
  const paused = budget?.pausedUntil !== undefined && budget.pausedUntil > now;
  const left = budget ? Math.max(0, budget.limit - budget.usedInWindow) : undefined;
  const parts: string[] = [];
  parts.push(runs.length > 0 ? `$(sync~spin) ${runs.length}` : '$(cloud)');
  if (paused) parts.push(`$(watch) ${Math.ceil(((budget?.pausedUntil ?? now) - now) / 1000)}s`);
  else if (budget && left !== undefined) parts.push(`${left}/${budget.limit}`);

  const lines = runs.slice(0, 10).map((t) => `${agentLabel(t.run)} #${t.run.id}${t.pending ? ` (${PENDING[t.pending]})` : ''}`);
  if (runs.length > 10) lines.push(`… and ${runs.length - 10} more`);
  const header = runs.length === 1 ? '1 Sequentum run in flight' : `${runs.length} Sequentum runs in flight`;
  const budgetLine = !budget
    ? undefined
    : paused
      ? `Rate-limited by the server: requests wait ${Math.ceil(((budget.pausedUntil ?? now) - now) / 1000)} s.`
      : `API budget: ${left} of ${budget.limit} requests left in this ${budget.windowSeconds} s window` +
        (budget.backgroundLimit !== undefined ? ` (polling may use ${budget.backgroundLimit}).` : '.');
  const tooltip = [header, ...lines, budgetLine, 'Click to pick a run.'].filter(Boolean).join('\n');
  return {
    visible: runs.length > 0 || paused || (budget !== undefined && budget.usedInWindow > 0),
    text: parts.join(' · '),
    tooltip,
  };
}
