import * as path from 'node:path';
import * as vscode from 'vscode';
import { OpenedFilesCache } from '../core/files/openedFilesCache';
import { setListenerErrorLog } from '../core/emitter';
import { DisposableStore, type DisposableLike } from '../core/lifecycle';
import type { Logger } from '../core/log';
import type { SequentumSettings } from '../core/settings';
import type { UserInterface } from '../core/ui';
import type { Workbench } from '../core/workbench';
import { DIAGNOSTICS_SCHEME, DiagnosticsDocuments } from './diagnosticsDocuments';
import { createLogger } from './logChannel';
import { readEnvironmentsSetting, readSettings } from './settings';
import { vscodeUserInterface } from './vscodeUserInterface';
import { createVscodeWorkbench, scheduleOpenedFilesPrune } from './vscodeWorkbench';
import { GrowingFiles } from '../core/files/growingFile';

/**
 * The VS Code implementations of core's ports that several features share, built once: the log
 * channel, the UI prompts, the workbench (files, progress, links, Markdown documents), settings.
 */
export class VscodePlatform extends DisposableStore {
  readonly log: Logger;
  readonly ui: UserInterface = vscodeUserInterface;
  readonly workbench: Workbench;
  /** Run files still downloading that the table view may open before they end (workbench.openTable puts them here). */
  readonly growingFiles = new GrowingFiles();
  /** Locale for numbers and dates (vscode.env.language). */
  readonly locale: string = vscode.env.language;
  readonly settings: () => SequentumSettings = readSettings;
  /** Raw `sequentum.environments` (validated in core). */
  readonly environmentsSetting: () => unknown = readEnvironmentsSetting;
  private readonly channel: vscode.LogOutputChannel;

  constructor(readonly context: vscode.ExtensionContext) {
    super();
    this.channel = this.register(vscode.window.createOutputChannel('Sequentum', { log: true }));
    this.log = createLogger(this.channel);
    // A listener that throws in core (tree, runs, environments) is logged here, not lost.
    this.register(setListenerErrorLog(this.log));
    const documents = this.register(new DiagnosticsDocuments());
    this.register(vscode.workspace.registerTextDocumentContentProvider(DIAGNOSTICS_SCHEME, documents));
    const openedFiles = new OpenedFilesCache(path.join(context.globalStorageUri.fsPath, 'run-files'), this.log);
    this.register(scheduleOpenedFilesPrune(openedFiles, this.log));
    this.workbench = createVscodeWorkbench(openedFiles, documents, this.growingFiles, this.log);
  }

  /** Reveals the log output channel. */
  readonly showLog = (): void => this.channel.show(true);

  /** Calls back when a `sequentum.*` setting changes. */
  onDidChangeSettings(listener: () => void): DisposableLike {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('sequentum')) listener();
    });
  }

  /** Sets a `when`-clause context key. */
  async setContext(key: string, value: unknown): Promise<void> {
    await vscode.commands.executeCommand('setContext', key, value);
  }
}
