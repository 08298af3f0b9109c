import * as path from 'node:path';
import * as vscode from 'vscode';
import { ClientProvider, requireClient, type ClientFactoryOptions } from './core/api/clientProvider';
import { createSequentumClient, type SequentumClient } from './core/api/client';
import { setListenerErrorLog } from './core/emitter';
import { DisposableStore } from './core/lifecycle';
import { DEFAULT_ENVIRONMENT_ID } from './core/environments/defaultEnvironment';
import { EnvironmentRegistry } from './core/environments/environmentRegistry';
import { TreeModel } from './core/tree/treeModel';
import type { TreeNode } from './core/tree/nodes';
import { linkRunTracker } from './core/tree/runTrackerLink';
import type { Logger } from './core/log';
import { registerCommands } from './platform/commandRegistry';
import { createLogger } from './platform/logChannel';
import { KEY_COMMANDS } from './features/credentials/keyCommands';
import { keyOriginPrompt } from './features/credentials/confirmKeyOrigin';
import type { KeyCommandDeps } from './features/credentials/keyCommandDeps';
import { LOG_COMMANDS } from './features/outputLog/logCommands';
import { AGENTS_TREE_COMMANDS } from './features/agentsTree/agentsTreeCommands';
import type { TreeCommandDeps } from './features/agentsTree/treeDeps';
import { RUN_COMMANDS } from './features/runs/runCommands';
import type { RunCommandDeps } from './features/runs/runDeps';
import { FAILURE_COMMANDS } from './features/failures/failureCommands';
import { SCHEDULE_COMMANDS } from './features/schedules/scheduleCommands';
import { SecretApiKeyStore } from './platform/secretApiKeyStore';
import { readEnvironmentsSetting, readSettings } from './platform/settings';
import { createVscodeWorkbench, scheduleOpenedFilesPrune } from './platform/vscodeWorkbench';
import { OpenedFilesCache } from './core/files/openedFilesCache';
import { createAgentsView, type AgentsView } from './features/agentsTree/agentsTreeProvider';
import { RunsFeature } from './features/runs/runsFeature';
import type { RunTracker } from './core/runs/runTracker';
import { DIAGNOSTICS_SCHEME, DiagnosticsDocuments } from './platform/diagnosticsDocuments';
import { onDidShowPrompt, vscodeUserInterface, type ShownPrompt } from './platform/vscodeUserInterface';
import { DiagnosticsFeature } from './features/runConfig/runConfigFeature';
import { BackgroundFailureNotifier, showFailure, type FailureNotifierDeps } from './platform/failureNotifier';

/** What activate() returns: a small API for other extensions and our own host tests. */
export interface SequentumExtensionApi {
  /** True once every command and view is registered. */
  readonly ready: true;
  /** The agents tree model (host tests read the view's children through it). */
  readonly tree: TreeModel;
  /** The runs the extension follows (host tests and other extensions observe starts and finishes). */
  readonly runs: RunTracker;
  /** The nodes selected in the Agents view (e.g. by sequentum.revealRun). */
  treeSelection(): readonly TreeNode[];
  /** Fires when a quick pick or input box is ready for an answer (host tests answer it then). */
  readonly onDidShowPrompt: vscode.Event<ShownPrompt>;
  /** URIs of the documents the diagnostics keep state for (host tests: opening other files adds none). */
  diagnosticsTrackedDocuments(): string[];
}

/**
 * Composition root: builds services and adapters and owns every Disposable. Construction does no
 * network I/O; anything that needs the server starts lazily when a view or command asks for it.
 */
export class Container extends DisposableStore {
  readonly log: Logger;
  readonly apiKeys: SecretApiKeyStore;
  /** The current API client for settings + key; rebuilt when either changes. */
  readonly clients: ClientProvider<SequentumClient>;
  /** Every environment: the default one and `sequentum.environments`, one client provider each. */
  readonly environments: EnvironmentRegistry<SequentumClient>;
  readonly tree: TreeModel;
  private readonly agentsView: AgentsView;
  /** Starting, following (tracker + poller), stopping runs; status bar and finish notifications. */
  readonly runs: RunsFeature;
  /** Run-config files, problems as diagnostics, agent references (collection "sequentum"). */
  readonly diagnostics: DiagnosticsFeature;

  constructor(readonly context: vscode.ExtensionContext) {
    super();
    const channel = this.register(vscode.window.createOutputChannel('Sequentum', { log: true }));
    this.log = createLogger(channel);
    // A listener that throws in core (tree, runs, environments) is logged here, not lost.
    this.register(setListenerErrorLog(this.log));
    this.apiKeys = new SecretApiKeyStore(context.secrets);
    // One budget for every window using the key: coordinated through the profile's global storage.
    const create = (options: ClientFactoryOptions) => createSequentumClient({ ...options, ...sharedBudget(context.globalStorageUri) });
    // A key is not sent to a base URL's new origin until the person confirms (core/api/keyOrigin.ts).
    const confirmKeyOrigin = keyOriginPrompt(vscodeUserInterface);
    this.clients = this.register(new ClientProvider<SequentumClient>({ keys: this.apiKeys, settings: readSettings, create, log: this.log, confirmKeyOrigin }));
    this.register(this.apiKeys.onDidChange(() => this.clients.keyChanged()));
    // Extra (base URL, key) pairs from `sequentum.environments`, each key in its own secret.
    this.environments = this.register(
      new EnvironmentRegistry<SequentumClient>({
        defaultClients: this.clients,
        settings: readSettings,
        environmentsSetting: readEnvironmentsSetting,
        keysFor: (env) => new SecretApiKeyStore(context.secrets, {}, SecretApiKeyStore.secretKeyFor(env.id)),
        create,
        log: this.log,
        confirmKeyOrigin,
      }),
    );
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('sequentum')) this.environments.settingsChanged();
      }),
    );
    this.tree = this.register(new TreeModel({ source: this.environments, log: this.log }));
    const diagnosticsDocuments = this.register(new DiagnosticsDocuments());
    this.register(vscode.workspace.registerTextDocumentContentProvider(DIAGNOSTICS_SCHEME, diagnosticsDocuments));
    const agentsView = (this.agentsView = this.register(createAgentsView(this.tree, vscode.env.language)));
    const secrets = () => this.allKeys();
    const failureDeps = { ui: vscodeUserInterface, apiKeys: this.apiKeys, secrets, showLog: () => channel.show(true) };
    const pollFailures = new BackgroundFailureNotifier(failureDeps);
    this.runs = this.register(
      new RunsFeature({
        context,
        clients: this.clients,
        clientsOf: (envId) => this.environments.clientsOf(envId),
        settings: readSettings,
        log: this.log,
        showFailure: (error, failure) => showFailure(error, failureDeps, failure),
        backgroundFailures: {
          failed: (error) => void pollFailures.failed(error, { prefix: vscode.l10n.t('Following runs in flight') }),
          cleared: () => pollFailures.cleared(),
        },
        // The tree shows followed runs as they change ("Starting…", "Killing…", the final status), and
        // hands the in-flight runs it lists to the tracker so the poller follows them.
        linkTracker: (tracker, envId) => linkRunTracker(this.tree, tracker, envId),
      }),
    );

    this.diagnostics = this.register(
      new DiagnosticsFeature({
        log: this.log,
        api: () => this.clients.current(),
        onDidChangeApi: this.clients.onDidChange,
        showRun: (ref) => this.runs.deps.showRun(ref),
      }),
    );
    // Starts from a run-config CodeLens report back to their file; followed runs update its lens.
    this.runs.deps.runConfigProblems = this.diagnostics.controller;
    this.register(this.runs.tracker.onDidChangeRun((event) => this.diagnostics.controller.runChanged(event.run)));

    const openedFiles = new OpenedFilesCache(path.join(context.globalStorageUri.fsPath, 'run-files'), this.log);
    this.register(scheduleOpenedFilesPrune(openedFiles, this.log));
    const deps: KeyCommandDeps & RunCommandDeps & TreeCommandDeps & Pick<FailureNotifierDeps, 'secrets'> = {
      ui: vscodeUserInterface,
      apiKeys: this.apiKeys,
      secrets,
      environments: { list: () => this.environments.environments(), keysOf: (envId) => this.environments.keysOf(envId) },
      log: this.log,
      showLog: () => channel.show(true),
      runs: this.runs.deps,
      tree: {
        model: this.tree,
        api: (envId) => this.requireClient(envId),
        baseUrl: (envId) => this.environments.environments().find((env) => env.id === envId)?.baseUrl ?? this.clients.baseUrl,
        reveal: (node) => agentsView.reveal(node),
        workbench: createVscodeWorkbench(openedFiles, diagnosticsDocuments, this.log),
        locale: vscode.env.language,
      },
    };
    const commands = [
      ...registerCommands(KEY_COMMANDS, deps),
      ...registerCommands(LOG_COMMANDS, deps),
      ...registerCommands(AGENTS_TREE_COMMANDS, deps),
      ...registerCommands(RUN_COMMANDS, deps),
      ...registerCommands(FAILURE_COMMANDS, deps),
      ...registerCommands(SCHEDULE_COMMANDS, deps),
    ];
    for (const disposable of commands) this.register(disposable);

    this.register(this.apiKeys.onDidChange(() => void this.updateKeyContext()));
    // An extra environment's key, or the list of environments, changed.
    this.register(this.environments.onDidChange(() => void this.updateKeyContext()));
    // Not awaited: activation must not wait on storage; the welcome view shows until this settles.
    void this.updateKeyContext();
  }

  /** The environment's current client, or NoApiKeyError (shown with a Set API Key action). */
  private requireClient(envId = DEFAULT_ENVIRONMENT_ID): Promise<SequentumClient> {
    return requireClient(this.environments.client(envId));
  }

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
          this.log.warn('Could not read an API key from SecretStorage', error);
          return undefined;
        }),
      ),
    );
    await vscode.commands.executeCommand('setContext', 'sequentum.hasApiKey', keys.some((info) => info !== undefined));
  }

  api(): SequentumExtensionApi {
    return {
      ready: true,
      tree: this.tree,
      runs: this.runs.tracker,
      treeSelection: () => this.agentsView.selection,
      onDidShowPrompt,
      diagnosticsTrackedDocuments: () => this.diagnostics.controller.trackedDocuments(),
    };
  }
}

/** The folder all extension hosts of the profile share, when it is on the local disk. */
function sharedBudget(storage: vscode.Uri): { sharedBudgetDir?: string } {
  return storage.scheme === 'file' ? { sharedBudgetDir: storage.fsPath } : {};
}
