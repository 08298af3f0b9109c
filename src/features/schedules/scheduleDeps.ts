import type { SequentumApi } from '../../core/api/sequentumApi';
import type { DocumentProblems } from '../../core/diagnostics/documentProblems';
import type { Logger } from '../../core/log';
import type { PaletteEnvironmentDeps } from '../../core/targets/chooseEnvironment';
import type { TreeModel } from '../../core/tree/treeModel';
import type { UserInterface } from '../../core/ui';

/** What the schedule commands need (plain ports, so tests build only this). */
export interface ScheduleCommandDeps extends PaletteEnvironmentDeps {
  ui: UserInterface;
  log: Logger;
  showLog(): void;
  tree: {
    /** Shows the new state at once and the server's answer after (scheduleChanged, refresh). */
    model: TreeModel;
    /** The environment's client (undefined = the default one); rejects with NoApiKeyError without a key. */
    api(envId?: string): Promise<SequentumApi>;
    /** Locale for dates in words and pickers. */
    locale?: string;
  };
}

/** What schedule documents need (the `sequentum:` file system, its checks, hover and completion). */
export interface ScheduleDocumentsDeps {
  ui: UserInterface;
  log: Logger;
  model: TreeModel;
  api(envId?: string): Promise<SequentumApi>;
  locale?: string;
  /** The one "sequentum" diagnostic collection (run-config feature's controller). */
  problems: DocumentProblems;
}
