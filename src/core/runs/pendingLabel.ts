import { l10n } from '../text/l10n';
import type { TrackedRun } from './runTracker';

/** Functions, so the words are translated when shown (after the platform installed its translator). */
const PENDING_LABELS: Readonly<Record<NonNullable<TrackedRun['pending']>, () => string>> = {
  starting: () => l10n.t('Starting…'),
  stopping: () => l10n.t('Stopping…'),
  killing: () => l10n.t('Killing…'),
};

/**
 * How a pending action reads ("Starting…"): one wording for the run's row, its agent's row, the
 * runs-in-flight pick and the status bar tooltip.
 */
export function pendingLabel(pending: NonNullable<TrackedRun['pending']>): string {
  return PENDING_LABELS[pending]();
}
