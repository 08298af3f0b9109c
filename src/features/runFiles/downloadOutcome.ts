import type { DownloadAllResult } from '../../core/files/downloadAll';
import { formatBytes } from '../../core/text/format';
import { l10n } from '../../core/text/l10n';
import { forNotification } from '../../core/text/sinks';
import type { RunFilesDeps } from './runFilesDeps';

interface BatchFacts {
  /** Files the batch was asked to download. */
  total: number;
  folder: string;
  runId: number;
}

/**
 * Tells how a Download All ended, in one notification: all saved (Reveal), cancelled (how many
 * were kept), stopped by a folder-wide failure, or some files failed (the first failure's words,
 * the rest in the log). Resolves true when the user chose Retry (for the files not saved).
 */
export async function downloadOutcome(deps: RunFilesDeps, result: DownloadAllResult, { total, folder, runId }: BatchFacts): Promise<boolean> {
  const saved = result.saved.length;
  if (result.cancelled) {
    const message =
      saved > 0
        ? l10n.t('Download cancelled: {0} of {1} files of run #{2} were saved to {3}; the files in progress were removed.', saved, total, runId, folder)
        : l10n.t('Download cancelled: nothing of run #{0} was saved.', runId);
    await reveal(deps, result, message);
    return false;
  }
  if (result.stoppedBy) {
    const { failure, error } = result.stoppedBy;
    return deps.showFailure(error, { message: l10n.t('Download stopped after {0} of {1} files: {2}', saved, total, failure.message), retryable: failure.retryable });
  }
  const [first, ...others] = result.failed;
  if (first) {
    const more = others.length > 0 ? l10n.t(' ({0} more failed; see the log)', others.length) : '';
    const message = l10n.t('{0} of {1} files of run #{2} were saved to {3}. Not saved: {4}{5}', saved, total, runId, folder, first.failure.message, more);
    return deps.showFailure(first.error, { message, retryable: result.failed.some((failed) => failed.failure.retryable) });
  }
  const bytes = formatBytes(result.saved.reduce((sum, file) => sum + file.size, 0), deps.tree.locale);
  const message =
    saved === 1 ? l10n.t('Saved 1 file of run #{0} ({1}) to {2}.', runId, bytes, folder) : l10n.t('Saved the {0} files of run #{1} ({2}) to {3}.', saved, runId, bytes, folder);
  await reveal(deps, result, message);
  return false;
}

/** An info message with Reveal (the first saved file in the OS file manager) when anything was saved. */
async function reveal(deps: RunFilesDeps, result: DownloadAllResult, message: string): Promise<void> {
  const first = result.saved[0];
  const label = l10n.t('Reveal');
  const chosen = await (first ? deps.ui.info(forNotification(message), label) : deps.ui.info(forNotification(message)));
  if (first && chosen === label) await deps.tree.workbench.revealFile(first.path);
}
