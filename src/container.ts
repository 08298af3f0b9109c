import * as vscode from 'vscode';
import { ClientProvider } from './core/api/clientProvider';
import { createSequentumClient, type SequentumClient } from './core/api/client';
import { NoApiKeyError } from './core/api/errors';
import { DisposableStore } from './core/lifecycle';
import { DEFAULT_ENVIRONMENT_ID, DefaultEnvironmentSource } from './core/tree/defaultEnvironment';
import { TreeModel } from './core/tree/treeModel';
import { linkRunTracker } from './core/tree/runTrackerLink';
import type { Logger } from './core/log';
import type { CommandDeps } from './commands/deps';
import { registerCommands } from './commands/registry';
import { createLogger } from './platform/logChannel';
import { SecretApiKeyStore } from './platform/secretApiKeyStore';
import { readSettings } from './platform/settings';
import { createVscodeWorkbench } from './platform/vscodeWorkbench';
import { createAgentsView } from './views/agentsTreeProvider';
import { RunsFeature } from './views/runsFeature';
import type { RunTracker } from './core/runs/runTracker';
import { DIAGNOSTICS_SCHEME, DiagnosticsDocuments } from './views/diagnosticsDocuments';
import { vscodeUserInterface } from './platform/vscodeUserInterface';
import { DiagnosticsFeature } from './diagnostics/registerDiagnostics';
import { BackgroundFailureNotifier, showFailure } from './diagnostics/failureNotifier';

/** What activate() returns: a small API for other extensions and our own host tests. */
export interface SequentumExtensionApi {
  /** True once every command and view is registered. */
  readonly ready: true;
  /** The agents tree model (host tests read the view's children through it). */
  readonly tree: TreeModel;
  /** The runs the extension follows (host tests and other extensions observe starts and finishes). */
  readonly runs: RunTracker;
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
  readonly tree: TreeModel;
  /** Starting, following (tracker + poller), stopping runs; status bar and finish notifications. */
  readonly runs: RunsFeature;
  /** Run-config files, problems as diagnostics, agent references (collection "sequentum"). */
  readonly diagnostics: DiagnosticsFeature;

  constructor(readonly context: vscode.ExtensionContext) {
    super();
    const channel = this.register(vscode.window.createOutputChannel('Sequentum', { log: true }));
    this.log = createLogger(channel);
    this.apiKeys = new SecretApiKeyStore(context.secrets);
    this.clients = this.register(
      new ClientProvider<SequentumClient>({
        keys: this.apiKeys,
        settings: readSettings,
        // One budget for every window using the key: coordinated through the profile's global storage.
        create: (options) => createSequentumClient({ ...options, ...sharedBudget(context.globalStorageUri) }),
        log: this.log,
      }),
    );
    this.register(this.apiKeys.onDidChange(() => this.clients.keyChanged()));
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('sequentum')) this.clients.settingsChanged();
      }),
    );
    this.tree = this.register(new TreeModel({ source: new DefaultEnvironmentSource(this.clients), log: this.log }));
    const diagnosticsDocuments = this.register(new DiagnosticsDocuments());
    this.register(vscode.workspace.registerTextDocumentContentProvider(DIAGNOSTICS_SCHEME, diagnosticsDocuments));
    const agentsView = this.register(createAgentsView(this.tree, vscode.env.language));
    const failureDeps = { ui: vscodeUserInterface, apiKeys: this.apiKeys, showLog: () => channel.show(true) };
    const pollFailures = new BackgroundFailureNotifier(failureDeps);
    this.runs = this.register(
      new RunsFeature({
        context,
        clients: this.clients,
        settings: readSettings,
        log: this.log,
        showFailure: (error, failure) => showFailure(error, failureDeps, failure),
        backgroundFailures: {
          failed: (error) => void pollFailures.failed(error, { prefix: 'Following runs in flight' }),
          cleared: () => pollFailures.cleared(),
        },
      }),
    );
    // The tree shows followed runs as they change ("Starting…", "Killing…", the final status), and
    // hands the in-flight runs it lists to the tracker so the poller follows them.
    this.register(linkRunTracker(this.tree, this.runs.tracker, DEFAULT_ENVIRONMENT_ID));

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

    const deps: CommandDeps = {
      ui: vscodeUserInterface,
      apiKeys: this.apiKeys,
      log: this.log,
      showLog: () => channel.show(true),
      runs: this.runs.deps,
      tree: {
        model: this.tree,
        api: () => this.requireClient(),
        baseUrl: () => this.clients.baseUrl,
        reveal: (node) => agentsView.reveal(node),
        workbench: createVscodeWorkbench(context.globalStorageUri, diagnosticsDocuments),
        locale: vscode.env.language,
      },
    };
    for (const disposable of registerCommands(deps)) this.register(disposable);

    this.register(this.apiKeys.onDidChange(() => void this.updateKeyContext()));
    // Not awaited: activation must not wait on storage; the welcome view shows until this settles.
    void this.updateKeyContext();
  }

  /** The current client, or NoApiKeyError (commands show it with a Set API Key action). */
  private async requireClient(): Promise<SequentumClient> {
    const client = await this.clients.current();
    if (!client) throw new NoApiKeyError();
    return client;
  }

  /** Drives the `viewsWelcome` "no key" state. */
  private async updateKeyContext(): Promise<void> {
    const info = await this.apiKeys.get();
    await vscode.commands.executeCommand('setContext', 'sequentum.hasApiKey', info !== undefined);
  }

  api(): SequentumExtensionApi {
    return { ready: true, tree: this.tree, runs: this.runs.tracker };
  }
}

/** The folder all extension hosts of the profile share, when it is on the local disk. */
function sharedBudget(storage: vscode.Uri): { sharedBudgetDir?: string } {
  return storage.scheme === 'file' ? { sharedBudgetDir: storage.fsPath } : {};
}
