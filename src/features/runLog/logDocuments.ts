import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { describeError } from '../../core/errors/describeError';
import type { SequentumApi } from '../../core/api/sequentumApi';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/log';
import { logDocumentContent, logFollowIntervalMs } from '../../core/logs/logDocument';
import { RunLogFollower, type RunLogSnapshot } from '../../core/logs/runLogFollower';
import type { SequentumSettings } from '../../core/settings';
import type { Workbench } from '../../core/workbench';
import { LOG_LANGUAGE, LOG_SCHEME } from './logScheme';
import type { LogDocumentsPort, LogRef } from './openLog';


/** A log larger than this is not read into a document (the editor would hold it twice). */
const MAX_LOG_BYTES = 20 * 1024 * 1024;

interface OpenLog {
  follower: RunLogFollower;
  content: string;
}

export interface LogDocumentsOptions {
  workbench: Workbench;
  settings: () => SequentumSettings;
  clock: Clock;
  log: Logger;
}

/**
 * The run-log documents: content kept here (nothing on disk but the download cache), one follower
 * per open document, stopped when its tab closes. An editor that showed the last line before new
 * lines arrived is scrolled to the new last line; one the reader scrolled up stays where it is.
 */
export class LogDocuments implements vscode.TextDocumentContentProvider, LogDocumentsPort, vscode.Disposable {
  private readonly logs = new Map<string, OpenLog>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** Editors (per document) that were at the end when new content was announced. */
  private readonly keepAtEnd = new Map<string, vscode.TextEditor[]>();
  private readonly subscriptions: vscode.Disposable[];
  /** Logs whose first read or editor is on its way: no tab shows them yet, and that is no reason to stop. */
  private readonly opening = new Set<string>();

  constructor(private readonly options: LogDocumentsOptions) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((event) => this.revealEnd(event.document)),
      vscode.window.tabGroups.onDidChangeTabs((event) => {
        if (event.closed.length > 0) this.stopClosed();
      }),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.logs.get(uri.toString())?.content ?? '# …\n';
  }

  static uriOf(ref: LogRef): vscode.Uri {
    return vscode.Uri.from({ scheme: LOG_SCHEME, path: `/${ref.envId ?? 'default'}/agents/${ref.agentId}/runs/${ref.runId}/run-${ref.runId}.log` });
  }

  async open(ref: LogRef, api: SequentumApi): Promise<void> {
    const uri = LogDocuments.uriOf(ref);
    const key = uri.toString();
    this.opening.add(key);
    try {
      await this.openEditor(ref, api, uri);
    } finally {
      this.opening.delete(key);
    }
  }

  private async openEditor(ref: LogRef, api: SequentumApi, uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    if (!this.logs.has(key)) {
      const follower = this.follower(ref, api, uri);
      this.logs.set(key, { follower, content: '' });
      try {
        // The first read before the editor opens: the document starts with the log, not a placeholder.
        await follower.start();
      } catch (error) {
        this.stop(key);
        throw error;
      }
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const typed = document.languageId === LOG_LANGUAGE ? document : await vscode.languages.setTextDocumentLanguage(document, LOG_LANGUAGE);
    const editor = await vscode.window.showTextDocument(typed, { preview: false });
    // Opens at the end: the newest lines are what a person following a run wants to see.
    const last = typed.lineCount - 1;
    editor.revealRange(new vscode.Range(last, 0, last, 0), vscode.TextEditorRevealType.Default);
    editor.selection = new vscode.Selection(last, 0, last, 0);
  }

  private follower(ref: LogRef, api: SequentumApi, uri: vscode.Uri): RunLogFollower {
    const { workbench, settings, clock, log } = this.options;
    let latest: RunLogSnapshot | undefined;
    const folder = `run-${ref.agentId}-${ref.runId}`;
    const follower = new RunLogFollower({
      clock,
      intervalMs: () => logFollowIntervalMs(settings()),
      source: {
        status: (priority, signal) => api.getRunStatus(ref.agentId, ref.runId, { priority, signal }),
        files: (priority, signal) => api.listRunFiles(ref.agentId, ref.runId, { priority, signal }),
        read: async (file, priority, signal) => {
          const path = await workbench.cachedFilePath(folder, `log-${file.id}.txt`);
          await api.downloadRunFileTo(ref.agentId, ref.runId, file.id, path, { priority, signal, maxBytes: MAX_LOG_BYTES });
          return readFile(path, 'utf8');
        },
      },
      onSnapshot: (snapshot) => {
        latest = snapshot;
        this.update(uri, logDocumentContent(ref.agentName ?? snapshot.run.agentName, snapshot));
        if (snapshot.complete) log.info(`Run log ${ref.runId} of agent ${ref.agentId}: complete after ${follower.reads} reads`);
      },
      onError: (error, willRetry) => {
        log.warn(`Run log ${ref.runId} of agent ${ref.agentId}: read failed; ${willRetry ? 'trying again' : 'stopped following'}`, error);
        if (latest) this.update(uri, logDocumentContent(ref.agentName ?? latest.run.agentName, latest, { label: describeError(error).label, willRetry }));
      },
    });
    return follower;
  }

  private update(uri: vscode.Uri, content: string): void {
    const key = uri.toString();
    const entry = this.logs.get(key);
    if (!entry || entry.content === content) return;
    entry.content = content;
    const atEnd = vscode.window.visibleTextEditors.filter((editor) => editor.document.uri.toString() === key && isAtEnd(editor));
    if (atEnd.length > 0) this.keepAtEnd.set(key, atEnd);
    this.changed.fire(uri);
  }

  private revealEnd(document: vscode.TextDocument): void {
    if (document.uri.scheme !== LOG_SCHEME) return;
    const key = document.uri.toString();
    const editors = this.keepAtEnd.get(key);
    if (!editors) return;
    this.keepAtEnd.delete(key);
    const last = document.lineCount - 1;
    for (const editor of editors) editor.revealRange(new vscode.Range(last, 0, last, 0), vscode.TextEditorRevealType.Default);
  }

  /**
   * Stops following logs no tab shows any more. Tabs, not onDidCloseTextDocument: setting the
   * document's language closes and reopens it for extensions, and a closed tab's document lingers.
   */
  private stopClosed(): void {
    const shown = new Set<string>();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) if (tab.input instanceof vscode.TabInputText) shown.add(tab.input.uri.toString());
    }
    for (const key of [...this.logs.keys()]) if (!shown.has(key) && !this.opening.has(key)) this.stop(key);
  }

  private stop(key: string): void {
    const entry = this.logs.get(key);
    if (!entry) return;
    entry.follower.dispose();
    this.logs.delete(key);
    this.keepAtEnd.delete(key);
  }

  /** Keys of the logs being followed or kept (host tests). */
  followed(): string[] {
    return [...this.logs.entries()].filter(([, entry]) => entry.follower.following).map(([key]) => key);
  }

  dispose(): void {
    for (const key of [...this.logs.keys()]) this.stop(key);
    this.changed.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** The editor shows the document's last line (or the line before it: a trailing newline leaves one empty). */
function isAtEnd(editor: vscode.TextEditor): boolean {
  const visible = editor.visibleRanges.at(-1);
  return visible === undefined || visible.end.line >= editor.document.lineCount - 2;
}
