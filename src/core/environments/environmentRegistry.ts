import { ClientProvider, type ClientFactory, type ManagedClient } from '../api/clientProvider';
import { ConfigurationError } from '../api/errors';
import type { ConfirmKeyOrigin } from '../api/keyOrigin';
import type { ApiKeyStore } from '../credentials';
import { Emitter, type EventLike } from '../emitter';
import type { DisposableLike } from '../lifecycle';
import type { Logger } from '../log';
import type { SequentumSettings } from '../settings';
import { DEFAULT_ENVIRONMENT_ID, DefaultEnvironmentSource } from './defaultEnvironment';
import type { Environment } from './environmentSource';
import type { EnvironmentSource } from './environmentSource';
import { parseEnvironments } from './environmentConfig';
import { l10n } from '../text/l10n';

/**
 * An environment id (a node's, a notification's or a script's `envId`) that names no configured
 * environment: commands stop and say so, never act on the default environment instead.
 */
export function unknownEnvironmentError(envId: string): ConfigurationError {
  return new ConfigurationError(l10n.t('No environment "{0}" in sequentum.environments.', envId), 'sequentum.environments');
}

export interface EnvironmentRegistryDeps<C extends ManagedClient> {
  /** The default environment: `sequentum.baseUrl` + the stored key (SEQUENTUM_API_KEY fallback). */
  defaultClients: ClientProvider<C>;
  settings: () => SequentumSettings;
  /** Raw `sequentum.environments` value. */
  environmentsSetting: () => unknown;
  /** The key store of an extra environment (its own SecretStorage entry, no variable fallback). */
  keysFor(env: Environment): ApiKeyStore;
  create: ClientFactory<C>;
  log: Logger;
  /** Asks before an environment's key goes to a new origin of its base URL (keyOrigin.ts). */
  confirmKeyOrigin?: ConfirmKeyOrigin;
}

interface Extra<C extends ManagedClient> {
  env: Environment;
  clients: ClientProvider<C>;
  keys: ApiKeyStore;
  subscriptions: DisposableLike[];
}

/**
 * Every configured environment (base URL + key) with one client provider each — so one client per
 * (base URL, key), rebuilt when either changes. The default environment is first; extra ones come
 * from `sequentum.environments`. Serves the tree as its EnvironmentSource; commands ask it for the
 * client or key store of the environment their target belongs to.
 */
export class EnvironmentRegistry<C extends ManagedClient> implements EnvironmentSource, DisposableLike {
  private readonly defaultSource: DefaultEnvironmentSource;
  private readonly extras = new Map<string, Extra<C>>();
  /** Every environment configured usable at some point and still named in the setting. */
  private readonly configured = new Map<string, Environment>();
  private readonly changed = new Emitter<void>({ name: 'EnvironmentRegistry.onDidChange' });
  private readonly defaultSubscription: DisposableLike;

  /** Environments were added or removed, or a client changed (key, base URL): the tree reloads. */
  readonly onDidChange: EventLike<void> = this.changed.event;

  constructor(private readonly deps: EnvironmentRegistryDeps<C>) {
    this.defaultSource = new DefaultEnvironmentSource(deps.defaultClients);
    this.defaultSubscription = deps.defaultClients.onDidChange(() => this.changed.fire());
    this.reload(false);
  }

  environments(): readonly Environment[] {
    return [...this.defaultSource.environments(), ...[...this.extras.values()].map((extra) => extra.env)];
  }

  /**
   * The base URL of `envId` (undefined = the default environment). Throws
   * {@link unknownEnvironmentError} for an id that names none: an unknown environment never
   * falls back to the default one's URL.
   */
  baseUrlOf(envId: string = DEFAULT_ENVIRONMENT_ID): string {
    const env = this.environments().find((candidate) => candidate.id === envId);
    if (!env) throw unknownEnvironmentError(envId);
    return env.baseUrl;
  }

  /** The client provider of an environment (undefined for an unknown id). */
  clientsOf(envId: string): ClientProvider<C> | undefined {
    return envId === DEFAULT_ENVIRONMENT_ID ? this.deps.defaultClients : this.extras.get(envId)?.clients;
  }

  /** The key store of an extra environment (the default one's is the extension's main store). */
  keysOf(envId: string): ApiKeyStore | undefined {
    return this.extras.get(envId)?.keys;
  }

  client(envId: string): Promise<C | undefined> {
    return this.clientsOf(envId)?.current() ?? Promise.resolve(undefined);
  }

  pausedUntil(envId: string): number | undefined {
    return this.clientsOf(envId)?.peek()?.budget?.snapshot().pausedUntil;
  }

  /** `sequentum.*` settings changed: environments are added/removed, clients updated or rebuilt. */
  settingsChanged(): void {
    this.deps.defaultClients.settingsChanged();
    this.reload(true);
    for (const extra of this.extras.values()) extra.clients.settingsChanged();
  }

  dispose(): void {
    this.defaultSubscription.dispose();
    for (const id of [...this.extras.keys()]) this.remove(id);
    this.changed.dispose();
  }

  private reload(notify: boolean): void {
    const { environments, problems, namedIds } = parseEnvironments(this.deps.environmentsSetting());
    for (const problem of problems) this.deps.log.warn(`Settings: ${problem}`);
    let changed = false;
    for (const id of [...this.extras.keys()]) {
      const wanted = environments.find((env) => env.id === id);
      if (!wanted || wanted.baseUrl !== this.extras.get(id)?.env.baseUrl) {
        this.remove(id);
        changed = true;
      }
    }
    this.forgetRemoved(environments, namedIds);
    for (const env of environments) {
      const existing = this.extras.get(env.id);
      if (existing) {
        changed ||= existing.env.name !== env.name;
        existing.env = env;
        continue;
      }
      this.add(env);
      changed = true;
    }
    if (changed && notify) this.changed.fire();
  }

  private add(env: Environment): void {
    const keys = this.deps.keysFor(env);
    const clients = new ClientProvider<C>({
      keys,
      settings: () => ({ ...this.deps.settings(), baseUrl: env.baseUrl }),
      create: this.deps.create,
      log: this.deps.log,
      environmentName: env.name,
      setting: 'sequentum.environments',
      ...(this.deps.confirmKeyOrigin ? { confirmKeyOrigin: this.deps.confirmKeyOrigin } : {}),
    });
    const subscriptions = [keys.onDidChange(() => clients.keyChanged()), clients.onDidChange(() => this.changed.fire())];
    this.extras.set(env.id, { env, clients, keys, subscriptions });
  }

  /** Stops an environment's client (its key stays stored). */
  private remove(id: string): void {
    const extra = this.extras.get(id);
    if (!extra) return;
    this.extras.delete(id);
    for (const subscription of extra.subscriptions) void subscription.dispose();
    extra.clients.dispose();
  }

  /**
   * Deletes the key of every environment that was configured and is now gone from the setting —
   * removed by the person, not merely unusable while its entry is being edited (the entry still
   * names it) and not hidden by a setting that is not a list at all (nothing is deleted then).
   */
  private forgetRemoved(environments: readonly Environment[], namedIds: ReadonlySet<string> | undefined): void {
    for (const env of environments) this.configured.set(env.id, env);
    if (namedIds === undefined) return;
    for (const [id, env] of [...this.configured]) {
      if (namedIds.has(id)) continue;
      this.configured.delete(id);
      this.deps.log.info(`Environment ${env.name} was removed from the settings; its API key is deleted`);
      this.deps
        .keysFor(env)
        .clear()
        .catch((error: unknown) => this.deps.log.error(`Could not delete the API key of the removed environment ${env.name}`, error));
    }
  }
}
