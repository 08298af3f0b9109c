import * as vscode from 'vscode';
import type { SequentumApi } from '../../core/api/sequentumApi';
import { systemClock } from '../../core/clock';
import { CommandId } from '../../core/commandIds';
import { DisposableStore } from '../../core/lifecycle';
import { OnDemand } from '../../core/onDemand';
import { commandAction, handlerOnFirstCall, registerCommands, type CommandContext, type CommandTable } from '../../platform/commandRegistry';
import type { VscodePlatform } from '../../platform/vscodePlatform';
import type { LogDocuments } from './logDocuments';
import { LOG_LANGUAGE, LOG_SCHEME } from './logScheme';
import type { OpenLogDeps } from './openLog';

const openLog = handlerOnFirstCall(async () => (await import('./openLog.js')).openLog);

const LOG_COMMANDS: CommandTable<OpenLogDeps & CommandContext> = {
  [CommandId.openLog]: openLog,
};

/**
 * Run logs: Open Run Log, the read-only `sequentum-log` documents that follow a run, their outline.
 * Activation registers the scheme's content provider and the outline; the log documents (followers,
 * log text) are imported when the first log opens or VS Code first asks for a log's content (a tab
 * restored from the last session) — a load that fails is logged and fails that call.
 */
export class RunLogFeature extends DisposableStore {
  /** The same command as a port (the run-finished notification's button). */
  readonly openLog: (ref: { agentId: number; runId: number; envId?: string }) => Promise<void>;
  private readonly documents: OnDemand<DisposableStore & { documents: LogDocuments }>;

  constructor(
    platform: VscodePlatform,
    commandContext: CommandContext,
    api: (envId?: string) => Promise<SequentumApi>,
  ) {
    super();
    const changed = this.register(new vscode.EventEmitter<vscode.Uri>());
    this.documents = this.register(
      new OnDemand(async () => {
        const { LogDocuments } = await import('./logDocuments.js');
        const built = new DisposableStore();
        const documents = built.register(new LogDocuments({ workbench: platform.workbench, settings: platform.settings, clock: systemClock, log: platform.log }));
        built.register(documents.onDidChange((uri) => changed.fire(uri)));
        return Object.assign(built, { documents });
      }, { log: platform.log, what: 'the run-log documents' }),
    );
    this.register(
      vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, {
        onDidChange: changed.event,
        provideTextDocumentContent: async (uri) => (await this.load('content')).provideTextDocumentContent(uri),
      }),
    );
    // The outline's provider, imported on the first outline asked for (a failed load is logged: VS Code only drops it).
    const outline = this.register(new OnDemand(async () => ({ provider: (await import('./logOutline.js')).logOutlineProvider, dispose: () => undefined }), { log: platform.log, what: 'the run-log outline' }));
    this.register(
      vscode.languages.registerDocumentSymbolProvider(
        { language: LOG_LANGUAGE, scheme: LOG_SCHEME },
        { provideDocumentSymbols: async (document, token) => (await outline.load()).provider.provideDocumentSymbols(document, token) },
      ),
    );
    const deps: OpenLogDeps & CommandContext = { ...commandContext, tree: { api, locale: platform.locale }, logs: { open: async (ref, client) => (await this.load('open')).open(ref, client) } };
    this.register(registerCommands(LOG_COMMANDS, deps));
    this.openLog = commandAction(CommandId.openLog, openLog, deps);
  }


  /** The log documents; a failed load is logged (the caller's command or VS Code's open shows it too). */
  private async load(use: string): Promise<LogDocuments> {
    return (await this.documents.load(use)).documents;
  }
}
