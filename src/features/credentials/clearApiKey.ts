import { chooseKeyTarget } from '../../core/targets/chooseEnvironment';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forNotification } from '../../core/text/sinks';
import type { KeyCommandDeps } from './keyCommandDeps';

/**
 * Forgets the stored key (of the chosen environment, when several are configured). For the
 * default environment the SEQUENTUM_API_KEY variable, if set, then applies again.
 */
export async function clearApiKey(deps: KeyCommandDeps, arg?: unknown): Promise<void> {
  const target = await chooseKeyTarget(deps, arg, forIconLabel(l10n.t('Sequentum: Clear API Key')));
  if (!target) return;
  const where = target.env ? ` for ${target.env.name}` : '';
  await target.store.clear();
  deps.log.info(`API key${where} removed from SecretStorage`);
  const remaining = await target.store.get();
  const message =
    remaining?.source === 'environment'
      ? l10n.t('Stored API key removed. SEQUENTUM_API_KEY from the environment is still in use.')
      : target.env
        ? l10n.t('Sequentum API key for {0} removed.', target.env.name)
        : l10n.t('Sequentum API key removed.');
  void deps.ui.info(forNotification(message));
}
