import type { ApiKeyInfo, ApiKeyStore } from '../credentials';
import { Emitter, type EventLike } from '../emitter';
import type { DisposableLike } from '../lifecycle';
import type { Logger } from '../log';
import type { SequentumSettings } from '../settings';
import { NoApiKeyError } from './errors';
import { KeyOriginConfirmations, KeyOriginError, keyOriginOf, type ConfirmKeyOrigin } from './keyOrigin';
import type { SequentumApi } from './sequentumApi';

/** What the provider needs from a client: the API plus lifecycle (structural match of SequentumClient). */
export interface ManagedClient extends SequentumApi {
  dispose(): void;
  updateSettings?(settings: SequentumSettings): void;
  readonly budget?: { snapshot(): { pausedUntil?: number } };
}

export interface ClientFactoryOptions {
  baseUrl: string;
  apiKey: string;
  settings: SequentumSettings;
  log: Logger;
}

/**
 * Builds a client; may throw (or reject with) ConfigurationError for unusable settings (e.g. http://
 * to a remote host). Asynchronous when the client's code is imported on first use.
 */
export type ClientFactory<C extends ManagedClient> = (options: ClientFactoryOptions) => C | Promise<C>;

export interface ClientProviderDeps<C extends ManagedClient> {
  keys: ApiKeyStore;
  /** Reads the current settings (called on every rebuild decision; cheap). */
  settings: () => SequentumSettings;
  create: ClientFactory<C>;
  log: Logger;
  /**
   * Asks whether the key may go to the base URL's new origin (see keyOrigin.ts). Without it the
   * environment stays "key needs confirmation" until the key is set again.
   */
  confirmKeyOrigin?: ConfirmKeyOrigin;
  /** The environment's name for that question; undefined for the default environment. */
  environmentName?: string;
  /** The setting that holds the base URL (named by the error). Default `sequentum.baseUrl`. */
  setting?: string;
}

/**
 * The client a lookup found, or NoApiKeyError when there is none: without a key there is no
 * client, and every caller shows that the same way (a Set API Key action).
 */
export async function requireClient<C>(lookup: Promise<C | undefined>): Promise<C> {
  const client = await lookup;
  if (!client) throw new NoApiKeyError();
  return client;
}

interface Current<C> {
  key: string;
  baseUrl: string;
  client: C;
}

/** A client on its way (an asynchronous factory): callers for the same key and base URL share it. */
interface Building<C> {
  key: string;
  baseUrl: string;
  client: Promise<C | undefined>;
}

/**
 * The "current client" of the default environment: one client per (API key, base URL), rebuilt
 * when either changes (the old one disposed), updated in place when only other settings change.
 * Tree, runs and commands ask it for the client at the moment they need one.
 */
export class ClientProvider<C extends ManagedClient = ManagedClient> implements DisposableLike {
  private currentClient: Current<C> | undefined;
  private building: Building<C> | undefined;
  /** Bumped whenever the current client is dropped: a build that started before is stale when it ends. */
  private generation = 0;
  /** Bumped by settingsChanged(): a build that started before gets the new settings when it ends. */
  private settingsVersion = 0;
  private keyLookup: Promise<ApiKeyInfo | undefined> | undefined;
  private readonly confirmations: KeyOriginConfirmations;
  private readonly changed = new Emitter<void>({ name: 'ClientProvider.onDidChange' });
  private disposed = false;

  /** Fires after the key or base URL changed: clients handed out before are disposed. */
  readonly onDidChange: EventLike<void> = this.changed.event;

  constructor(private readonly deps: ClientProviderDeps<C>) {
    this.confirmations = new KeyOriginConfirmations(deps.confirmKeyOrigin, deps.log);
  }

  /** The current base URL setting (for messages and dashboard links). */
  get baseUrl(): string {
    return this.deps.settings().baseUrl;
  }

  /**
   * The client for the current key and base URL; undefined when no key is known.
   * Rejects with the factory's ConfigurationError when the settings are unusable, and with
   * KeyOriginError while the base URL points to an origin the key was not confirmed for.
   */
  async current(): Promise<C | undefined> {
    if (this.disposed) return undefined;
    const lookup = (this.keyLookup ??= this.deps.keys.get());
    let info: ApiKeyInfo | undefined;
    try {
      info = await lookup;
    } catch (error) {
      // A locked or unavailable keyring: ask again next time (Retry), do not keep the failure.
      if (this.keyLookup === lookup) this.keyLookup = undefined;
      throw error;
    }
    if (info === undefined) {
      this.drop();
      return undefined;
    }
    const settings = this.deps.settings();
    const ready = this.existingFor(info.key, settings.baseUrl);
    if (ready) return ready;
    // A client for another key or base URL is dropped; callers for the same one do not drop each other.
    if (this.currentClient || this.building) this.drop();
    const generation = this.generation;
    await this.checkKeyOrigin(info, settings.baseUrl, lookup);
    // The key or base URL changed while the origin was checked (a first use waits for its binding):
    // this caller's key is stale, so it asks again rather than building a client for it.
    if (generation !== this.generation) return this.current();
    // Another caller may have started the same client while the origin was checked.
    return this.existingFor(info.key, settings.baseUrl) ?? this.build(info.key, settings);
  }

  /** The client for (key, base URL) if it is built or on its way. */
  private existingFor(key: string, baseUrl: string): Promise<C | undefined> | undefined {
    const existing = this.currentClient;
    if (existing && existing.key === key && existing.baseUrl === baseUrl) return Promise.resolve(existing.client);
    const pending = this.building;
    return pending && pending.key === key && pending.baseUrl === baseUrl ? pending.client : undefined;
  }

  /** One client for (key, base URL); one that ends after the key or base URL changed is disposed, and the caller asks again. */
  private build(key: string, settings: SequentumSettings): Promise<C | undefined> {
    const generation = this.generation;
    const settingsVersion = this.settingsVersion;
    const { baseUrl } = settings;
    const client = (async () => {
      const built = await this.deps.create({ baseUrl, apiKey: key, settings, log: this.deps.log });
      if (generation !== this.generation || this.disposed) {
        this.disposeClient(built);
        return this.current();
      }
      this.currentClient = { key, baseUrl, client: built };
      // Settings that changed while it was built (same base URL) reach it as they reach a built client.
      if (settingsVersion !== this.settingsVersion) built.updateSettings?.(this.deps.settings());
      return built;
    })();
    const entry = { key, baseUrl, client };
    this.building = entry;
    const settle = () => {
      if (this.building === entry) this.building = undefined;
    };
    client.then(settle, settle);
    return client;
  }

  /** Binds a key at its first use; refuses (and asks about) an origin it is not bound to. */
  private async checkKeyOrigin(info: ApiKeyInfo, baseUrl: string, lookup: Promise<ApiKeyInfo | undefined>): Promise<void> {
    const origin = keyOriginOf(baseUrl);
    // An unusable base URL: the factory refuses it with the reason.
    if (origin === undefined || info.origin === origin) return;
    if (info.origin === undefined) {
      await this.bind(info, origin, lookup);
      return;
    }
    // Another window may have confirmed it since this one read the key.
    const fresh = await this.deps.keys.get();
    if (fresh?.key === info.key && fresh.origin === origin) {
      this.replaceKeyLookup(lookup, fresh);
      return;
    }
    const boundOrigin = info.origin;
    this.confirmations.ask({ environment: this.deps.environmentName, boundOrigin, newOrigin: origin }, async () => {
      await this.deps.keys.bindOrigin?.(origin);
      // Read again: the key itself may have changed while the question was open.
      this.keyLookup = undefined;
      this.changed.fire();
    });
    throw new KeyOriginError(boundOrigin, origin, this.deps.setting ?? 'sequentum.baseUrl');
  }

  private async bind(info: ApiKeyInfo, origin: string, lookup: Promise<ApiKeyInfo | undefined>): Promise<void> {
    // A store that cannot keep a binding gets none (it never reports one either).
    if (!this.deps.keys.bindOrigin) return;
    await this.deps.keys.bindOrigin(origin);
    this.replaceKeyLookup(lookup, { ...info, origin });
  }

  /** Remembers what a lookup learned, unless the key changed meanwhile (a newer lookup, or none, is current). */
  private replaceKeyLookup(lookup: Promise<ApiKeyInfo | undefined>, info: ApiKeyInfo): void {
    if (this.keyLookup === lookup) this.keyLookup = Promise.resolve(info);
  }

  /** The current client if one was built already; never builds one (for status displays). */
  peek(): C | undefined {
    return this.currentClient?.client;
  }

  /** Call when the stored key changed (SecretStorage event). */
  keyChanged(): void {
    this.keyLookup = undefined;
    this.confirmations.reset();
    this.drop();
    this.changed.fire();
  }

  /** Call when `sequentum.*` settings changed. */
  settingsChanged(): void {
    this.settingsVersion++;
    this.confirmations.reset();
    const settings = this.deps.settings();
    const existing = this.currentClient;
    if (existing && existing.baseUrl === settings.baseUrl) {
      existing.client.updateSettings?.(settings);
      return;
    }
    // A client on its way to the same base URL gets these settings when it is built (settingsVersion).
    if (!existing && this.building?.baseUrl === settings.baseUrl) return;
    this.drop();
    this.changed.fire();
  }

  dispose(): void {
    this.disposed = true;
    this.drop();
    this.changed.dispose();
  }

  private drop(): void {
    this.generation++;
    this.building = undefined;
    const existing = this.currentClient;
    this.currentClient = undefined;
    if (existing) this.disposeClient(existing.client);
  }

  private disposeClient(client: C): void {
    try {
      client.dispose();
    } catch (error) {
      this.deps.log.warn('Disposing the previous API client failed', error);
    }
  }
}
