import type { ApiKeyStore } from '../core/credentials';
import type { Logger } from '../core/log';
import type { UserInterface } from '../core/ui';
import type { EnvironmentKeys } from './chooseEnvironment';
import type { RunsDeps } from './runDeps';
import type { TreeDeps } from './treeDeps';

/** The ports every command handler receives. Plain interfaces, so handlers run in unit tests. */
export interface CommandDeps {
  ui: UserInterface;
  apiKeys: ApiKeyStore;
  /** Several environments (`sequentum.environments`): the key commands ask which one. Optional. */
  environments?: EnvironmentKeys;
  log: Logger;
  /** Reveals the log output channel. */
  showLog(): void;
  /** Start / stop / kill and the runs in flight. */
  runs: RunsDeps;
  /** The agents tree and its commands (refresh, filter, files, diagnostics, dashboard). */
  tree: TreeDeps;
}
