import { validateApiKeyInput } from '../core/credentials';
import type { CommandDeps } from './deps';

/** Asks for the key in a password box and stores it in SecretStorage. */
export async function setApiKey(deps: CommandDeps): Promise<void> {
  const key = await deps.ui.askSecret('Sequentum Cloud API key (stored in VS Code SecretStorage)', validateApiKeyInput);
  if (key === undefined) return;
  await deps.apiKeys.store(key.trim());
  deps.log.info('API key stored in SecretStorage');
  void deps.ui.info('Sequentum API key saved.');
}
