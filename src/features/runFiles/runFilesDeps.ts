import type { SequentumApi } from '../../core/api/sequentumApi';
import type { FailureContext } from '../../core/errors/failureNotification';
import type { Logger } from '../../core/log';
import type { PaletteEnvironmentDeps } from '../../core/targets/chooseEnvironment';
import { formatBytes } from '../../core/text/format';
import { l10n } from '../../core/text/l10n';
import type { UserInterface } from '../../core/ui';
import type { Workbench } from '../../core/workbench';

/** What Save As and Download All need (plain ports, so unit tests build only this). */
export interface RunFilesDeps extends PaletteEnvironmentDeps {
  ui: UserInterface;
  log: Logger;
  tree: {
    /** The environment's client (undefined = the default one); rejects with NoApiKeyError without a key. */
    api(envId?: string): Promise<SequentumApi>;
    workbench: Workbench;
    /** Locale for sizes and dates (vscode.env.language); undefined = runtime default. */
    readonly locale?: string;
  };
  /**
   * Shows one failure notification (the wrapper's, with `context`'s words instead of the generic
   * ones); resolves true when the user chose Retry.
   */
  showFailure(error: unknown, context?: FailureContext): Promise<boolean>;
}

/** "1.2 MB of 5.0 MB", or "1.2 MB" when the whole size is unknown. */
export function bytesOf(done: number, total: number | undefined, locale: string | undefined): string {
  const shown = formatBytes(done, locale);
  return total !== undefined ? l10n.t('{0} of {1}', shown, formatBytes(total, locale)) : shown;
}
