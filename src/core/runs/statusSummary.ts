import { agentLabel } from './finishNotice';
import { pendingLabel } from './pendingLabel';
import type { TrackedRun } from './runTracker';
import { l10n } from '../text/l10n';
import { forIconLabel, joinIconLabels, withIcon, type IconLabelText } from '../text/sinks';

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
  /** With our codicons, e.g. "$(sync~spin) 2 · 87/100"; agent names in it cannot add icons. */
  text: IconLabelText;
  tooltip: IconLabelText;
}

/**
 * What the runs status bar item shows: runs in flight and the requests left in the budget window.
 * Hidden while nothing is in flight and the budget is untouched (no noise for idle users).
 */
export function statusSummary(runs: readonly TrackedRun[], budget: BudgetView | undefined, now: number): StatusSummary {
  const paused = budget?.pausedUntil !== undefined && budget.pausedUntil > now;
  const visible = runs.length > 0 || paused || (budget !== undefined && budget.usedInWindow > 0);
  // A hidden item needs no words (the first call is at activation, before anything is in flight).
  if (!visible) return { visible, text: forIconLabel(undefined), tooltip: forIconLabel(undefined) };
  const left = budget ? Math.max(0, budget.limit - budget.usedInWindow) : undefined;
  const waitSeconds = Math.ceil(((budget?.pausedUntil ?? now) - now) / 1000);
  const parts: IconLabelText[] = [runs.length > 0 ? withIcon('sync~spin', forIconLabel(runs.length)) : withIcon('cloud')];
  if (paused) parts.push(withIcon('watch', forIconLabel(l10n.t('{0}s', waitSeconds))));
  else if (budget && left !== undefined) parts.push(forIconLabel(l10n.t('{0}/{1}', left, budget.limit)));

  const lines = runs.slice(0, 10).map((t) => (t.pending ? l10n.t('{0} #{1} ({2})', agentLabel(t.run), t.run.id, pendingLabel(t.pending).toLowerCase()) : l10n.t('{0} #{1}', agentLabel(t.run), t.run.id)));
  if (runs.length > 10) lines.push(l10n.t('… and {0} more', runs.length - 10));
  const header = runs.length === 1 ? l10n.t('1 Sequentum run in flight') : l10n.t('{0} Sequentum runs in flight', runs.length);
  const budgetLine = !budget
    ? undefined
    : paused
      ? l10n.t('Rate-limited by the server: requests wait {0} s.', waitSeconds)
      : budget.backgroundLimit !== undefined
        ? l10n.t('API budget: {0} of {1} requests left in this {2} s window (polling may use {3}).', left ?? 0, budget.limit, budget.windowSeconds, budget.backgroundLimit)
        : l10n.t('API budget: {0} of {1} requests left in this {2} s window.', left ?? 0, budget.limit, budget.windowSeconds);
  const tooltip = [header, ...lines, budgetLine, l10n.t('Click to pick a run.')].filter(Boolean).join('\n');
  return {
    visible,
    text: joinIconLabels(parts, ' · '),
    tooltip: forIconLabel(tooltip, { multiline: true, maxLength: 2000 }),
  };
}
