import type { PollFailureSink } from '../../core/runs/runPoller';
import { l10n } from '../../core/text/l10n';
import { BackgroundFailureNotifier, type FailureNotifierDeps } from '../../platform/failureNotifier';

/**
 * Where one environment's watcher reports that watching keeps failing. Each environment has its own
 * notifier: with one shared, the first environment's notification held back another's with the same
 * cause (one gate), one environment's recovery let the other's notify again, and the message could
 * not say which environment failed. The message names the environment (read at the failure: the
 * settings may rename it), and Set API Key asks for that environment's key.
 */
export function watchFailureSink(deps: FailureNotifierDeps, envId: string, nameOf: () => string | undefined): PollFailureSink {
  const notifier = new BackgroundFailureNotifier({ ...deps, setApiKey: () => deps.setApiKey({ envId }) });
  return {
    failed: (error) => {
      const name = nameOf();
      void notifier.failed(error, { prefix: name ? l10n.t('Watching runs in {0}', name) : l10n.t('Watching runs') });
    },
    cleared: () => notifier.cleared(),
  };
}
