import { pickText } from '../core/pickText';
import type { ApiKeyStore } from '../core/credentials';
import type { TreeEnvironment } from '../core/tree/nodes';
import type { CommandDeps } from './deps';

/** The environments and their key stores, as the key commands need them. */
export interface EnvironmentKeys {
  /** Every environment, the default (`sequentum.baseUrl`) first. */
  list(): readonly TreeEnvironment[];
  /** The key store of an extra environment; undefined for the default one (use `apiKeys`). */
  keysOf(envId: string): ApiKeyStore | undefined;
}

/** Where a key command acts: the environment (when several exist) and its key store. */
export interface KeyTarget {
  store: ApiKeyStore;
  /** Set when more than one environment is configured: named in prompts and messages. */
  env?: TreeEnvironment;
}

/**
 * The key store a key command acts on. One environment: the default store, no question. Several:
 * the environment named by the argument (`{envId}` from an error node), else a quick pick.
 * Undefined when the pick is dismissed.
 */
export async function chooseKeyTarget(deps: CommandDeps, arg: unknown, title: string): Promise<KeyTarget | undefined> {
  const all = deps.environments?.list() ?? [];
  if (all.length <= 1) return { store: deps.apiKeys };
  const wanted = typeof arg === 'object' && arg !== null && typeof (arg as { envId?: unknown }).envId === 'string' ? (arg as { envId: string }).envId : undefined;
  const env =
    all.find((candidate) => candidate.id === wanted) ??
    (await deps.ui.pick(
      all.map((candidate) => ({ label: pickText(candidate.name), description: pickText(candidate.baseUrl), value: candidate })),
      { title, placeholder: 'Which environment?' },
    ));
  if (!env) return undefined;
  return { store: deps.environments?.keysOf(env.id) ?? deps.apiKeys, env };
}
