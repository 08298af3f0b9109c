import * as vscode from 'vscode';
import type { Run } from '../../core/api/model';
import type { SequentumApi } from '../../core/api/sequentumApi';
import type { DiagnosticDescription } from '../../core/diagnostics/diagnosticDescription';
import type { DocumentCheck, DocumentProblems } from '../../core/diagnostics/documentProblems';
import type { EventLike } from '../../core/emitter';
import { DisposableStore, type DisposableLike } from '../../core/lifecycle';
import type { Logger } from '../../core/log';
import { CommandId } from '../../core/commandIds';
import { OnDemand } from '../../core/onDemand';
import type { RunConfigEntryStart, RunConfigProblemSink, RunConfigSource, RunConfigStartResult } from '../../core/runConfig/runConfigSource';
import { registerCommands, type CommandContext } from '../../platform/commandRegistry';
import { editMentionsAgents, isRunConfig, mayHoverAgent, REFERENCE_MARKER, RUN_CONFIG_SELECTOR } from './runConfigFiles';
import type { RunConfigMachinery } from './runConfigMachinery';

export interface RunConfigFeatureDeps {
  log: Logger;
  /** The wrapper's ports for the CodeLens / quick-fix commands. */
  commandContext: CommandContext;
  /** The current API client; undefined when no key is known. */
  api(): Promise<SequentumApi | undefined>;
  /** Fires when the key or base URL changed (the agent list must be reloaded). */
  onDidChangeApi?: EventLike<void>;
  /** Shows a run (tree, else dashboard): the CodeLens "Open run". */
  showRun(ref: { agentId: number; runId: number }): Promise<void>;
}

/**
 * Run-config files (`*.sequentum.json`): CodeLens, hovers (agent paths in any document), quick fixes
 * and the one diagnostic collection "sequentum". Activation registers the providers and commands
 * only; their machinery (RunConfigMachinery: the agent cache, the DiagnosticsController, jsonc-parser
 * and the schema) is imported when the first document that needs it is seen (a run-config file, a
 * visible document naming an agent path, a document another feature checks) or a provider or port
 * is first called. A machinery that cannot be loaded is logged at each such use, and the provider
 * call fails with it; the next use tries again.
 */
export class RunConfigFeature extends DisposableStore implements RunConfigProblemSink, DocumentProblems {
  private readonly machinery: OnDemand<RunConfigMachinery>;
  /** True once something asked for the machinery (its ports then wait for it rather than finding nothing to update). */
  private requested = false;
  /** Checks of documents other features own (schedule documents), handed to the controller when it exists. */
  private readonly documentChecks = new Map<DocumentCheck, DisposableLike | undefined>();
  private readonly lensesChanged = this.register(new vscode.EventEmitter<void>());

  constructor(private readonly deps: RunConfigFeatureDeps) {
    super();
    this.machinery = this.register(new OnDemand(() => this.build(), { log: deps.log, what: 'the run-config checks' }));
    // `sequentum.runConfigOpen`: the walkthrough's run-config step completes on it (VS Code's own
    // resourceFilename is an editor-scoped key a walkthrough cannot see).
    const updateOpenContext = () =>
      void vscode.commands.executeCommand('setContext', 'sequentum.runConfigOpen', vscode.window.visibleTextEditors.some((editor) => isRunConfig(editor.document)));
    this.register(vscode.window.onDidChangeVisibleTextEditors(updateOpenContext));
    updateOpenContext();
    this.watchForDocumentsToCheck();
    this.register(
      vscode.languages.registerCodeLensProvider(RUN_CONFIG_SELECTOR, {
        onDidChangeCodeLenses: this.lensesChanged.event,
        provideCodeLenses: async (document) => (await this.load('CodeLens')).lenses.provideCodeLenses(document),
      }),
    );
    // Agent references may appear in any document once the extension is active: scripts, pipelines,
    // notebooks, diffs, remote and virtual file systems, output channels — so every scheme and language.
    this.register(
      vscode.languages.registerHoverProvider('*', {
        provideHover: async (document, position) => (mayHoverAgent(document, position) ? (await this.load('hover')).hover.provideHover(document, position) : undefined),
      }),
    );
    this.register(
      vscode.languages.registerCodeActionsProvider(
        RUN_CONFIG_SELECTOR,
        { provideCodeActions: async (document, range, context) => (await this.load('quick fixes')).quickFixes.provideCodeActions(document, range, context) },
        { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
      ),
    );
    this.register(
      registerCommands(
        {
          [CommandId.openRunFromCodeLens]: (_, ref) => deps.showRun(ref as { agentId: number; runId: number }),
          [CommandId.pickAgentForEntry]: async (_, uri, entryIndex) => (await this.load('Pick another agent')).pickAgentForEntry(uri as vscode.Uri, entryIndex as number),
        },
        deps.commandContext,
      ),
    );
  }

  /** Called by `sequentum.startRun` for starts from a run-config entry. */
  reportStartResult(source: RunConfigSource, result: RunConfigStartResult): void {
    this.whenLoaded('the start result', (built) => built.controller.reportStartResult(source, result), true);
  }

  /** Start Run in a run-config file's editor title: the file's startable entries. */
  async startsIn(uri: string): Promise<RunConfigEntryStart[] | undefined> {
    return (await this.load('Start Run')).controller.startsIn(uri);
  }

  /** A fresh status of a run (from the run tracker): CodeLenses following it update. */
  runChanged(run: Run): void {
    // Nothing follows a run before the machinery exists (its lenses and their run states live there).
    this.whenLoaded('a run change', (built) => built.controller.runChanged(run), false);
  }

  /** A save refused by the server (schedule documents): its problems on the document; [] clears them. */
  setServerProblems(uri: string, problems: readonly DiagnosticDescription[]): void {
    this.whenLoaded('server problems', (built) => built.controller.setServerProblems(uri, problems), true);
  }

  addDocumentCheck(check: DocumentCheck): DisposableLike {
    this.documentChecks.set(check, undefined);
    // Built, or being built: its builder may have handed over the checks already (another feature's
    // import can resolve in the same turn), so this one is attached once the machinery is there.
    this.whenLoaded('a document check', (built) => this.attachCheck(built, check), false);
    // A document the check owns may be open already: the machinery loads for it now.
    this.checkOpenDocuments();
    return {
      dispose: () => {
        this.documentChecks.get(check)?.dispose();
        this.documentChecks.delete(check);
      },
    };
  }

  /** URIs of the documents the diagnostics keep state for (none before the machinery is loaded). */
  trackedDocuments(): string[] {
    return this.machinery.built?.controller.trackedDocuments() ?? [];
  }

  private async build(): Promise<RunConfigMachinery> {
    const { RunConfigMachinery } = await import('./runConfigMachinery.js');
    const built = new RunConfigMachinery({ log: this.deps.log, api: () => this.deps.api(), onDidChangeApi: this.deps.onDidChangeApi });
    for (const check of this.documentChecks.keys()) this.attachCheck(built, check);
    built.register(built.lenses.onDidChangeCodeLenses(() => this.lensesChanged.fire()));
    return built;
  }

  /** Hands a check to the controller once (the builder and addDocumentCheck may both try), unless it was disposed. */
  private attachCheck(built: RunConfigMachinery, check: DocumentCheck): void {
    if (this.documentChecks.has(check) && !this.documentChecks.get(check)) this.documentChecks.set(check, built.controller.addDocumentCheck(check));
  }

  /** The machinery for a provider call; a failed load is logged (the call then fails with it). */
  private async load(use: string): Promise<RunConfigMachinery> {
    this.requested = true;
    return this.machinery.load(use);
  }

  /** Runs `action` on the machinery: now when built, after the load under way, else (only when `load`) after loading it. */
  private whenLoaded(what: string, action: (built: RunConfigMachinery) => void, load: boolean): void {
    const built = this.machinery.built;
    if (built) return action(built);
    if (!load && !this.requested) return;
    this.load(what).then(action, () => undefined);
  }

  /**
   * The machinery's DiagnosticsController checks open run-config files, documents other features
   * check, and visible documents naming an agent path; until one of those is seen it is not loaded.
   */
  private watchForDocumentsToCheck(): void {
    const ws = vscode.workspace;
    const consider = (document: vscode.TextDocument, visible = this.isVisible(document)) => {
      if (this.machinery.built || !this.needsChecks(document, visible)) return;
      // The controller checks every open document when it is built, this one included.
      this.load('open documents').catch(() => undefined);
    };
    this.register(ws.onDidOpenTextDocument((document) => consider(document)));
    this.register(vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((editor) => consider(editor.document, true))));
    this.register(
      ws.onDidChangeTextDocument((event) => {
        if (!this.machinery.built && this.isVisible(event.document) && editMentionsAgents(event)) consider(event.document, true);
      }),
    );
    this.checkOpenDocuments();
  }

  private checkOpenDocuments(): void {
    if (this.machinery.built) return;
    for (const document of vscode.workspace.textDocuments) {
      if (this.needsChecks(document, this.isVisible(document))) return void this.load('open documents').catch(() => undefined);
    }
  }

  private needsChecks(document: vscode.TextDocument, visible: boolean): boolean {
    if (document.isClosed) return false;
    if (isRunConfig(document) || [...this.documentChecks.keys()].some((check) => check.applies(document.uri.toString()))) return true;
    if (document.uri.scheme === 'output' || document.uri.scheme === 'vscode-scm') return false;
    return visible && document.getText().includes(REFERENCE_MARKER);
  }

  private isVisible(document: vscode.TextDocument): boolean {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) return true;
    return false;
  }
}
