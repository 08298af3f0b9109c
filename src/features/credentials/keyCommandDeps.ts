import type { ApiKeyStore } from '../../core/credentials';
import type { Logger } from '../../core/log';
import type { UserInterface } from '../../core/ui';
import type { EnvironmentKeys } from '../../core/targets/chooseEnvironment';

/** The ports the key commands (Set / Clear API Key) receive. Plain interfaces, so they run in unit tests. */
export interface KeyCommandDeps {
  ui: UserInterface;
  apiKeys: ApiKeyStore;
  /** Several environments (`sequentum.environments`): the key commands ask which one. Optional. */
  environments?: EnvironmentKeys;
  log: Logger;
}
