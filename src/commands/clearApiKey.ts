import type { CommandDeps } from './deps';

/** Forgets the stored key. The SEQUENTUM_API_KEY variable, if set, then applies again. */
export async function clearApiKey(deps: CommandDeps): Promise<void> {
  await deps.apiKeys.clear();
  deps.log.info('API key removed from SecretStorage');
  const remaining = await deps.apiKeys.get();
  void deps.ui.info(
    remaining?.source === 'environment'
      ? 'Stored API key removed. SEQUENTUM_API_KEY from the environment is still in use.'
      : 'Sequentum API key removed.',
  );
}
