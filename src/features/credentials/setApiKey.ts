import { validateApiKeyInput } from '../../core/credentials';
import { chooseKeyTarget } from '../../core/targets/chooseEnvironment';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forNotification, forPrompt } from '../../core/text/sinks';
import type { KeyCommandDeps } from './keyCommandDeps';

/**
 * Asks for the key in a password box and stores it in SecretStorage. With several environments
 * configured it first asks which one (unless the argument names it, as error nodes do).
 */
export async function setApiKey(deps: KeyCommandDeps, arg?: unknown): Promise<void> {
  const target = await chooseKeyTarget(deps, arg, forIconLabel(l10n.t('Sequentum: Set API Key')));
  if (!target) return;
  const where = target.env ? ` for ${target.env.name}` : '';
  const prompt = target.env
    ? l10n.t('Sequentum Cloud API key for {0} (stored in VS Code SecretStorage)', target.env.name)
    : l10n.t('Sequentum Cloud API key (stored in VS Code SecretStorage)');
  const key = await deps.ui.askSecret(forPrompt(prompt), validateApiKeyInput);
  if (key === undefined) return;
  await target.store.store(key.trim());
  deps.log.info(`API key${where} stored in SecretStorage`);
  void deps.ui.info(forNotification(target.env ? l10n.t('Sequentum API key for {0} saved.', target.env.name) : l10n.t('Sequentum API key saved.')));
}
