import { l10n } from '../text/l10n';
import type { TrackedRun } from './runTracker';

/**
 * How a pending action reads ("Starting…"): one wording for the run's row, its agent's row, the
 * runs-in-flight pick and the status bar tooltip.
 */
export function pendingLabel(pending: NonNullable<TrackedRun['pending']>): string {
  switch (pending) {
    case 'starting':
      return l10n.t('Starting…');
    case 'stopping':
      return l10n.t('Stopping…');
    case 'killing':
      return l10n.t('Killing…');
  }
}
