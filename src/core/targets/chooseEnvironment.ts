import { l10n } from '../text/l10n';
import { forIconLabel, forPlain, type IconLabelText } from '../text/sinks';
import type { ApiKeyStore } from '../credentials';
import type { Environment } from '../environments/environmentSource';
import type { UserInterface } from '../ui';
import type { Agent } from '../api/model';
import type { SequentumApi } from '../api/sequentumApi';
import { pickAgent } from './pickAgent';

/** The environments and their key stores, as the key commands need them. */
export interface EnvironmentKeys {
  /** Every environment, the default (`sequentum.baseUrl`) first. */
  list(): readonly Environment[];
  /** The key store of an extra environment; undefined for the default one (use `apiKeys`). */
  keysOf(envId: string): ApiKeyStore | undefined;
}

/** Where a key command acts: the environment (when several exist) and its key store. */
export interface KeyTarget {
  store: ApiKeyStore;
  /** Set when more than one environment is configured: named in prompts and messages. */
  env?: Environment;
}

/**
 * The key store a key command acts on. One environment: the default store, no question. Several:
 * the environment named by the argument (`{envId}` from an error node, or an environment node),
 * else a quick pick.
 * Undefined when the pick is dismissed.
 */
export async function chooseKeyTarget(deps: PaletteEnvironmentDeps & { apiKeys: ApiKeyStore }, arg: unknown, title: IconLabelText): Promise<KeyTarget | undefined> {
  const all = deps.environments?.list() ?? [];
  if (all.length <= 1) return { store: deps.apiKeys };
  const wanted = envIdOf(arg);
  const env =
    all.find((candidate) => candidate.id === wanted) ??
    (await deps.ui.pick(environmentItems(all), { title, placeholder: forPlain(l10n.t('Which environment?')) }));
  if (!env) return undefined;
  return { store: deps.environments?.keysOf(env.id) ?? deps.apiKeys, env };
}

/**
 * The environment a key command's argument names: `{envId}` (error nodes) or an environment node
 * of the tree (its context menu passes the node, whose id is in `env.id`).
 */
function envIdOf(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const candidate = arg as { envId?: unknown; kind?: unknown; env?: { id?: unknown } };
  if (typeof candidate.envId === 'string') return candidate.envId;
  return candidate.kind === 'environment' && typeof candidate.env?.id === 'string' ? candidate.env.id : undefined;
}

/** What the palette chooser needs: the UI, the default key store and the environments (optional). */
export interface PaletteEnvironmentDeps {
  ui: UserInterface;
  apiKeys?: ApiKeyStore;
  environments?: EnvironmentKeys;
}

/**
 * The environment a palette command (no target) acts on. One environment, or only one with a key:
 * no question (undefined envId = the default, as with a single environment). Several with a key:
 * a quick pick of those. Resolves undefined when the pick is dismissed.
 */
export async function choosePaletteEnvironment(deps: PaletteEnvironmentDeps, title: IconLabelText): Promise<{ envId?: string } | undefined> {
  const all = deps.environments?.list() ?? [];
  if (all.length <= 1) return {};
  const hasKey = await Promise.all(
    all.map(async (env) => {
      const store = deps.environments?.keysOf(env.id) ?? deps.apiKeys;
      return (await store?.get()) !== undefined;
    }),
  );
  const keyed = all.filter((_, i) => hasKey[i]);
  // None with a key: the default one, whose NoApiKeyError offers Set API Key as today.
  if (keyed.length === 0) return {};
  if (keyed.length === 1) return { envId: keyed[0].id };
  const env = await deps.ui.pick(environmentItems(keyed), { title, placeholder: forPlain(l10n.t('Which environment?')) });
  return env ? { envId: env.id } : undefined;
}

function environmentItems(environments: readonly Environment[]) {
  return environments.map((candidate) => ({ label: forIconLabel(candidate.name), description: forIconLabel(candidate.baseUrl), value: candidate }));
}

/**
 * The agent a palette command acts on: its environment first (a question only when several have a
 * key), then THE agent pick in that environment. Undefined when either pick is dismissed.
 */
export async function pickPaletteAgent(deps: PaletteEnvironmentDeps, apiOf: (envId?: string) => Promise<SequentumApi>, title: IconLabelText): Promise<{ envId?: string; agent: Agent } | undefined> {
  const chosen = await choosePaletteEnvironment(deps, title);
  if (!chosen) return undefined;
  const agent = await pickAgent(deps, await apiOf(chosen.envId), { title });
  return agent ? { ...chosen, agent } : undefined;
}
