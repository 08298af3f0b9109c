import * as vscode from 'vscode';
import type { SequentumApi } from '../../core/api/sequentumApi';
import { systemClock } from '../../core/clock';
import { CommandId } from '../../core/commandIds';
import { DisposableStore } from '../../core/lifecycle';
import { commandAction, handlerOnFirstCall, registerCommands, type CommandContext, type CommandTable } from '../../platform/commandRegistry';
import type { VscodePlatform } from '../../platform/vscodePlatform';
import { LOG_LANGUAGE, LOG_SCHEME, LogDocuments } from './logDocuments';
import { logOutlineProvider } from './logOutline';
import type { OpenLogDeps } from './openLog';

const openLog = handlerOnFirstCall(async () => (await import('./openLog.js')).openLog);

const LOG_COMMANDS: CommandTable<OpenLogDeps & CommandContext> = {
  [CommandId.openLog]: openLog,
};

/** Run logs: Open Run Log, the read-only `sequentum-log` documents that follow a run, their outline. */
export class RunLogFeature extends DisposableStore {
  /** The same command as a port (the run-finished notification's button). */
  readonly openLog: (ref: { agentId: number; runId: number; envId?: string }) => Promise<void>;
  readonly documents: LogDocuments;

  constructor(platform: VscodePlatform, commandContext: CommandContext, api: (envId?: string) => Promise<SequentumApi>) {
    super();
    this.documents = this.register(new LogDocuments({ workbench: platform.workbench, settings: platform.settings, clock: systemClock, log: platform.log }));
    this.register(vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, this.documents));
    this.register(vscode.languages.registerDocumentSymbolProvider({ language: LOG_LANGUAGE, scheme: LOG_SCHEME }, logOutlineProvider));
    const deps: OpenLogDeps & CommandContext = { ...commandContext, tree: { api, locale: platform.locale }, logs: this.documents };
    this.register(registerCommands(LOG_COMMANDS, deps));
    this.openLog = commandAction(CommandId.openLog, openLog, deps);
  }
}
