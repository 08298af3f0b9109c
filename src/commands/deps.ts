import type { ApiKeyStore } from '../core/credentials';
import type { Logger } from '../core/log';
import type { UserInterface } from '../core/ui';

/** The ports every command handler receives. Plain interfaces, so handlers run in unit tests. */
export interface CommandDeps {
  ui: UserInterface;
  apiKeys: ApiKeyStore;
  log: Logger;
  /** Reveals the log output channel. */
  showLog(): void;
}
