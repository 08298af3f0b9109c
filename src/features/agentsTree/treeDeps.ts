import type { SequentumApi } from '../../core/api/sequentumApi';
import type { Logger } from '../../core/log';
import type { TreeNode } from '../../core/tree/nodes';
import type { TreeModel } from '../../core/tree/treeModel';
import type { UserInterface } from '../../core/ui';
import type { Workbench } from '../../core/workbench';
import type { PaletteEnvironmentDeps } from '../../core/targets/chooseEnvironment';

/** What the tree's commands need (refresh, filter, load more, files, diagnostics, dashboard). */
export interface TreeDeps {
  model: TreeModel;
  /**
   * The current client of an environment (undefined = the default one); rejects with
   * NoApiKeyError when it has no key.
   */
  api(envId?: string): Promise<SequentumApi>;
  /** The environment's base URL (undefined = `sequentum.baseUrl`). */
  baseUrl(envId?: string): string;
  /** Reveals, selects and focuses a node in the `sequentum.agents` view. */
  reveal(node: TreeNode): Promise<void>;
  workbench: Workbench;
  /** Locale for numbers and dates in documents (vscode.env.language); undefined = runtime default. */
  locale?: string;
}

/** What the tree commands receive (plain ports, so tests build only this). */
export interface TreeCommandDeps extends PaletteEnvironmentDeps {
  ui: UserInterface;
  log: Logger;
  showLog(): void;
  tree: TreeDeps;
}
