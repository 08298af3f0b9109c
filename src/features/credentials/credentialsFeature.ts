import type * as vscode from 'vscode';
import type { SequentumClient } from '../../core/api/client';
import { ClientProvider, requireClient, type ClientFactoryOptions } from '../../core/api/clientProvider';
import { CommandId } from '../../core/commandIds';
import { EnvironmentRegistry } from '../../core/environments/environmentRegistry';
import { DisposableStore } from '../../core/lifecycle';
import { DEFAULT_ENVIRONMENT_ID } from '../../core/environments/defaultEnvironment';
import { commandAction, handlerOnFirstCall, registerCommands, type CommandContext, type CommandTable } from '../../platform/commandRegistry';
import { SecretApiKeyStore } from '../../platform/secretApiKeyStore';
import type { VscodePlatform } from '../../platform/vscodePlatform';
import { keyOriginPrompt } from './confirmKeyOrigin';
import type { KeyCommandDeps } from './keyCommandDeps';

const setApiKey = handlerOnFirstCall(async () => (await import('./setApiKey.js')).setApiKey);

const KEY_COMMANDS: CommandTable<KeyCommandDeps & CommandContext> = {
  [CommandId.setApiKey]: setApiKey,
  [CommandId.clearApiKey]: handlerOnFirstCall(async () => (await import('./clearApiKey.js')).clearApiKey),
  [CommandId.showLog]: (deps) => deps.showLog(),
};

/**
 * Keys and connections: the key store of each environment (SecretStorage), one client provider per
 * environment (rebuilt when its key or settings change), Set / Clear API Key and Show Log, and the
 * `sequentum.hasApiKey` context key behind the welcome view. `commandContext` is what every other
 * feature's commands receive.
 */
export class CredentialsFeature extends DisposableStore {
  readonly apiKeys: SecretApiKeyStore;
  /** The default environment's current client; rebuilt when the key or settings change. */
  readonly clients: ClientProvider<SequentumClient>;
  /** Every environment: the default one and `sequentum.environments`, one client provider each. */
  readonly environments: EnvironmentRegistry<SequentumClient>;
  readonly commandContext: CommandContext;

  constructor(private readonly platform: VscodePlatform) {
    super();
    const { context, log, settings } = platform;
    this.apiKeys = new SecretApiKeyStore(context.secrets);
    // One budget for every window using the key: coordinated through the profile's global storage.
    // The client's code (request pipeline, budget, wire parsing) is imported when the first client is
    // built (the first request), not at activation; a failed import fails that request's caller.
    const create = async (options: ClientFactoryOptions) =>
      (await import('../../core/api/client.js')).createSequentumClient({ ...options, ...sharedBudget(context.globalStorageUri) });
    // A key is not sent to a base URL's new origin until the person confirms (core/api/keyOrigin.ts).
    const confirmKeyOrigin = keyOriginPrompt(platform.ui);
    this.clients = this.register(new ClientProvider<SequentumClient>({ keys: this.apiKeys, settings, create, log, confirmKeyOrigin }));
    this.register(this.apiKeys.onDidChange(() => this.clients.keyChanged()));
    // Extra (base URL, key) pairs from `sequentum.environments`, each key in its own secret.
    const environments = (this.environments = this.register(
      new EnvironmentRegistry<SequentumClient>({
        defaultClients: this.clients,
        settings,
        environmentsSetting: platform.environmentsSetting,
        keysFor: (env) => new SecretApiKeyStore(context.secrets, {}, SecretApiKeyStore.secretKeyFor(env.id)),
        create,
        log,
        confirmKeyOrigin,
      }),
    ));
    this.register(platform.onDidChangeSettings(() => environments.settingsChanged()));
    const commandContext: CommandContext = {
      ui: platform.ui,
      log,
      showLog: platform.showLog,
      apiKeys: this.apiKeys,
      secrets: () => this.allKeys(),
      environments: { list: () => environments.environments(), keysOf: (envId) => environments.keysOf(envId) },
      setApiKey: (arg?: unknown) => commandAction(CommandId.setApiKey, setApiKey, commandContext)(arg),
    };
    this.commandContext = commandContext;
    this.register(registerCommands(KEY_COMMANDS, commandContext));
    this.register(this.apiKeys.onDidChange(() => void this.updateKeyContext()));
    // An extra environment's key, or the list of environments, changed.
    this.register(environments.onDidChange(() => void this.updateKeyContext()));
    // Not awaited: activation must not wait on storage; the welcome view shows until this settles.
    void this.updateKeyContext();
  }

  /** The environment's current client, or NoApiKeyError (shown with a Set API Key action). */
  readonly requireClient = (envId = DEFAULT_ENVIRONMENT_ID): Promise<SequentumClient> => requireClient(this.environments.client(envId));

  /** The environment's base URL (undefined = `sequentum.baseUrl`); an unknown id throws a ConfigurationError that names it. */
  readonly baseUrl = (envId?: string): string => this.environments.baseUrlOf(envId);

  /** Every environment's key (redacted from failure notifications as a last line of defence). */
  private async allKeys(): Promise<string[]> {
    const stores = this.environments.environments().map((env) => this.environments.keysOf(env.id) ?? this.apiKeys);
    const infos = await Promise.all(stores.map((store) => store.get().catch(() => undefined)));
    return infos.flatMap((info) => (info ? [info.key] : []));
  }

  /**
   * `sequentum.hasApiKey`: some environment has a key. Drives the `viewsWelcome` "no key" state and
   * hides the palette commands that need a key (package.json `menus.commandPalette`).
   */
  private async updateKeyContext(): Promise<void> {
    const stores = this.environments.environments().map((env) => this.environments.keysOf(env.id) ?? this.apiKeys);
    // SecretStorage can refuse (no keyring on Linux): that store counts as keyless instead of an unhandled rejection.
    const keys = await Promise.all(
      stores.map((store) =>
        store.get().catch((error: unknown) => {
          this.platform.log.warn('Could not read an API key from SecretStorage', error);
          return undefined;
        }),
      ),
    );
    await this.platform.setContext('sequentum.hasApiKey', keys.some((info) => info !== undefined));
  }
}

/** The folder all extension hosts of the profile share, when it is on the local disk. */
function sharedBudget(storage: vscode.Uri): { sharedBudgetDir?: string } {
  return storage.scheme === 'file' ? { sharedBudgetDir: storage.fsPath } : {};
}
