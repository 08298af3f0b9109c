import { validateApiKeyInput } from '../../core/credentials';
import { chooseKeyTarget } from '../../core/targets/chooseEnvironment';
import type { KeyCommandDeps } from './keyCommandDeps';

/**
 * Asks for the key in a password box and stores it in SecretStorage. With several environments
 * configured it first asks which one (unless the argument names it, as error nodes do).
 */
export async function setApiKey(deps: KeyCommandDeps, arg?: unknown): Promise<void> {
  const target = await chooseKeyTarget(deps, arg, 'Sequentum: Set API Key');
  if (!target) return;
  const where = target.env ? ` for ${target.env.name}` : '';
  const key = await deps.ui.askSecret(`Sequentum Cloud API key${where} (stored in VS Code SecretStorage)`, validateApiKeyInput);
  if (key === undefined) return;
  await target.store.store(key.trim());
  deps.log.info(`API key${where} stored in SecretStorage`);
  void deps.ui.info(`Sequentum API key${where} saved.`);
}
