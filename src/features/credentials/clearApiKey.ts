import { chooseKeyTarget } from '../../core/targets/chooseEnvironment';
import type { KeyCommandDeps } from './keyCommandDeps';

/**
 * Forgets the stored key (of the chosen environment, when several are configured). For the
 * default environment the SEQUENTUM_API_KEY variable, if set, then applies again.
 */
export async function clearApiKey(deps: KeyCommandDeps, arg?: unknown): Promise<void> {
  const target = await chooseKeyTarget(deps, arg, 'Sequentum: Clear API Key');
  if (!target) return;
  const where = target.env ? ` for ${target.env.name}` : '';
  await target.store.clear();
  deps.log.info(`API key${where} removed from SecretStorage`);
  const remaining = await target.store.get();
  void deps.ui.info(
    remaining?.source === 'environment'
      ? 'Stored API key removed. SEQUENTUM_API_KEY from the environment is still in use.'
      : `Sequentum API key${where} removed.`,
  );
}
