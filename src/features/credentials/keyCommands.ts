import type { CommandHandler } from '../../platform/commandRegistry';
import { clearApiKey } from './clearApiKey';
import type { KeyCommandDeps } from './keyCommandDeps';
import { setApiKey } from './setApiKey';

/** The key commands: ID → handler. */
export const KEY_COMMANDS: Readonly<Record<string, CommandHandler<KeyCommandDeps>>> = {
  'sequentum.setApiKey': setApiKey,
  'sequentum.clearApiKey': clearApiKey,
};
