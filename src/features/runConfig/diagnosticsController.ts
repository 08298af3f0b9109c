import * as vscode from 'vscode';
import type { Run } from '../../core/api/model';
import type { AgentCache } from '../../core/diagnostics/agentCache';
import type { DiagnosticDescription } from '../../core/diagnostics/diagnosticDescription';
import type { DocumentCheck, DocumentProblems } from '../../core/diagnostics/documentProblems';
import { agentReferenceDiagnostics, editTimeDiagnostics } from '../../core/diagnostics/editChecks';
import { problemDiagnostics } from '../../core/diagnostics/problemDiagnostics';
import { applyChangesToRanges, LineIndex, publishedDiagnostics, ServerProblemStore } from '../../core/diagnostics/serverProblems';
import { Emitter } from '../../core/emitter';
import { DisposableStore } from '../../core/lifecycle';
import type { Logger } from '../../core/log';
import { parseRunConfig, type RunConfigDocument } from '../../core/runConfig/runConfigDocument';
import { readRunConfigStart } from '../../core/runConfig/runConfigOptions';
import {
  EntryRunStates,
  type RunConfigEntryStart,
  type RunConfigProblemSink,
  type RunConfigSource,
  type RunConfigStartResult,
} from '../../core/runConfig/runConfigSource';
import { toDiagnostic, type PositionSource } from './convert';
import { isRunConfig, REFERENCE_MARKER, RUN_CONFIG_SUFFIX } from './runConfigFiles';

/** Edit-time checks wait this long after the last keystroke. */
export const CHECK_DEBOUNCE_MS = 500;

/**
 * Owns the one DiagnosticCollection "sequentum": server problems from refused run-config starts
 * (kept until edited, superseded, or the file is deleted; they survive close/reopen), edit-time
 * checks of run-config files, and agent references in visible documents. Checks read the shared
 * agent cache only, debounced, and only in a trusted workspace.
 */
export class DiagnosticsController extends DisposableStore implements RunConfigProblemSink, DocumentProblems {
  readonly collection = this.register(vscode.languages.createDiagnosticCollection('sequentum'));
  readonly runStates = new EntryRunStates();
  private readonly store = new ServerProblemStore();
  private readonly checked = new Map<string, DiagnosticDescription[]>();
  /**
   * Text of closed run-config files whose server problems are still shown (their ranges need it).
   * Nothing else is kept: other files, and run-configs without problems, cost no memory once closed.
   */
  private readonly lastText = new Map<string, string>();
  private readonly published = new Map<string, { positions: PositionSource; descriptions: DiagnosticDescription[] }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lensChanged = this.register(new Emitter<void>());
  /** Checks of documents other features own (schedule documents). */
  private readonly documentChecks = new Set<DocumentCheck>();
  /** Fires when CodeLenses should be recomputed (a start ended, a followed run changed). */
  readonly onDidChangeLenses = this.lensChanged.event;

  constructor(
    private readonly cache: AgentCache,
    private readonly log: Logger,
  ) {
    super();
    const ws = vscode.workspace;
    this.register(ws.onDidOpenTextDocument((d) => this.schedule(d, 0)));
    this.register(ws.onDidChangeTextDocument((e) => this.onEdit(e)));
    this.register(ws.onDidCloseTextDocument((d) => this.onClose(d)));
    this.register(ws.onDidDeleteFiles((e) => e.files.forEach((uri) => this.onDelete(uri))));
    this.register(ws.onDidRenameFiles((e) => e.files.forEach(({ oldUri }) => this.onDelete(oldUri))));
    const watcher = this.register(ws.createFileSystemWatcher(`**/*${RUN_CONFIG_SUFFIX}`, true, true, false));
    this.register(watcher.onDidDelete((uri) => this.onDelete(uri)));
    this.register(vscode.window.onDidChangeVisibleTextEditors(() => this.checkAll()));
    this.register(ws.onDidGrantWorkspaceTrust(() => this.checkAll()));
    this.register(cache.onDidChange(() => this.checkAll()));
    this.register({ dispose: () => this.timers.forEach((t) => clearTimeout(t)) });
    this.checkAll();
  }

  /** Called by `sequentum.startRun` for starts from a run-config entry. */
  reportStartResult(source: RunConfigSource, result: RunConfigStartResult): void {
    void this.applyStartResult(source, result).catch((error: unknown) => this.log.error('Could not show the start result in the file', error));
  }

  /** A save refused by the server (schedule documents): its problems on the document; [] clears them. */
  setServerProblems(uri: string, problems: readonly DiagnosticDescription[]): void {
    this.store.setForEntry(uri, 0, problems);
    this.publish(vscode.Uri.parse(uri, true));
  }

  addDocumentCheck(check: DocumentCheck): vscode.Disposable {
    this.documentChecks.add(check);
    this.checkAll();
    return new vscode.Disposable(() => this.documentChecks.delete(check));
  }

  private checkFor(document: vscode.TextDocument): DocumentCheck | undefined {
    const key = document.uri.toString();
    return [...this.documentChecks].find((check) => check.applies(key));
  }

  /** Start Run in a run-config file's editor title: the file's startable entries (its current text). */
  async startsIn(uri: string): Promise<RunConfigEntryStart[] | undefined> {
    const target = vscode.Uri.parse(uri, true);
    if (!vscode.workspace.isTrusted || !target.path.toLowerCase().endsWith(RUN_CONFIG_SUFFIX)) return undefined;
    const document = await vscode.workspace.openTextDocument(target);
    return parseRunConfig(document.getText()).entries.flatMap((entry) => {
      const start = readRunConfigStart(entry);
      // The same source key as the CodeLens, so problems and the lens follow this start too.
      if (!start) return [];
      const agentName = this.cache.peek()?.get(start.agentId)?.name;
      const source = { uri: document.uri.toString(), entryIndex: entry.index };
      return [{ name: start.name, args: { agentId: start.agentId, ...(agentName ? { agentName } : {}), options: start.options, source } }];
    });
  }

  /** A fresh status of a run (from the run tracker): CodeLenses following it update. */
  runChanged(run: Run): void {
    if (this.runStates.recordRun(run)) this.lensChanged.fire();
  }

  /** The descriptions behind the published diagnostics of a file (for quick fixes). */
  publishedFor(uri: vscode.Uri): { positions: PositionSource; descriptions: readonly DiagnosticDescription[] } | undefined {
    return this.published.get(uri.toString());
  }

  /** URIs of the documents this controller keeps any state for (host tests: run-configs, and visible documents while checked). */
  trackedDocuments(): string[] {
    return [...new Set([...this.checked.keys(), ...this.lastText.keys(), ...this.published.keys(), ...this.timers.keys()])];
  }

  /** Recomputes the checks of every open run-config file and visible document (agent list changed). */
  checkAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private async applyStartResult(source: RunConfigSource, result: RunConfigStartResult): Promise<void> {
    const uri = vscode.Uri.parse(source.uri, true);
    const text = await this.textOf(uri);
    const entry = text === undefined ? undefined : parseRunConfig(text).entries.find((e) => e.index === source.entryIndex);
    if (result.kind === 'not-started') {
      if (entry) this.store.setForEntry(source.uri, source.entryIndex, problemDiagnostics(result.error, entry));
    } else if (result.kind !== 'cancelled') {
      this.store.clearEntry(source.uri, source.entryIndex, entry?.range);
    }
    const agentId = typeof entry?.agentId?.value === 'number' ? entry.agentId.value : 0;
    if (this.runStates.recordStart(source, result, 'run' in result ? result.run.agentId : agentId)) this.lensChanged.fire();
    if (!this.isOpen(source.uri) && text !== undefined) this.rememberClosedText(source.uri, text);
    this.publish(uri);
  }

  private isOpen(key: string): boolean {
    return vscode.workspace.textDocuments.some((d) => d.uri.toString() === key);
  }

  /** Keeps a closed file's text only while server problems on it are shown. */
  private rememberClosedText(key: string, text: string): void {
    if (this.store.get(key).length > 0) this.lastText.set(key, text);
    else this.lastText.delete(key);
  }

  private async textOf(uri: vscode.Uri): Promise<string | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open.getText();
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  }

  private onEdit(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0) return;
    const key = event.document.uri.toString();
    // Any other file: nothing to move along unless it shows reference checks; maybe check it later.
    if (!isRunConfig(event.document) && !this.checked.has(key) && this.store.get(key).length === 0) {
      this.schedule(event.document, CHECK_DEBOUNCE_MS);
      return;
    }
    const changes = event.contentChanges.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, insertedLength: c.text.length }));
    let changed = this.store.applyChanges(key, changes);
    // Edit-time results follow the text too until the debounced recheck replaces them.
    const checked = this.checked.get(key);
    if (checked?.length) {
      this.checked.set(key, applyChangesToRanges(checked, changes));
      changed = true;
    }
    if (changed) this.publish(event.document.uri);
    this.schedule(event.document, CHECK_DEBOUNCE_MS);
  }

  private onClose(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    if (isRunConfig(document)) this.rememberClosedText(key, document.getText());
    // Edit-time and reference checks describe an open editor; server problems outlive it.
    if (this.checked.delete(key)) this.publish(document.uri);
  }

  private onDelete(uri: vscode.Uri): void {
    const key = uri.toString();
    this.store.clearFile(key);
    this.checked.delete(key);
    this.lastText.delete(key);
    this.runStates.forgetFile(key);
    this.collection.delete(uri);
    this.published.delete(key);
    this.lensChanged.fire();
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!this.wantsCheck(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.check(document).catch((error: unknown) => this.log.warn('Edit-time check failed', error));
      }, delayMs),
    );
  }

  private wantsCheck(document: vscode.TextDocument): boolean {
    if (this.isDisposed || document.isClosed) return false;
    if (isRunConfig(document) || this.checkFor(document)) return true;
    if (document.uri.scheme === 'output' || document.uri.scheme === 'vscode-scm') return false;
    return vscode.window.visibleTextEditors.some((e) => e.document === document) || this.checked.has(document.uri.toString());
  }

  private async check(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const version = document.version;
    const owned = this.checkFor(document);
    if (owned) {
      this.checked.set(key, owned.check(document.getText()));
      this.publish(document.uri);
      return;
    }
    const runConfig = isRunConfig(document);
    // References: skip the agent list entirely for the many documents that mention no API path.
    const needsAgents = vscode.workspace.isTrusted && (runConfig || document.getText().includes(REFERENCE_MARKER));
    const agents = needsAgents ? await this.cache.get() : undefined;
    if (document.isClosed || document.version !== version || this.isDisposed) return;
    let descriptions: DiagnosticDescription[] = [];
    if (agents) {
      descriptions = runConfig ? editTimeDiagnostics(parseRunConfig(document.getText()), agents) : agentReferenceDiagnostics(document.getText(), agents);
    }
    const before = this.checked.get(key) ?? [];
    if (descriptions.length === 0 && before.length === 0) return;
    this.checked.set(key, descriptions);
    this.publish(document.uri);
  }

  private publish(uri: vscode.Uri): void {
    const key = uri.toString();
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    const text = document?.getText() ?? this.lastText.get(key);
    if (!document && text !== undefined) this.store.clampTo(key, text.length);
    const descriptions = publishedDiagnostics(this.store.get(key), this.checked.get(key) ?? []);
    if (descriptions.length === 0 || text === undefined) {
      this.collection.delete(uri);
      this.published.delete(key);
      return;
    }
    const positions: PositionSource = document ?? new LineIndex(text);
    this.collection.set(uri, descriptions.map((d) => toDiagnostic(positions, d)));
    this.published.set(key, { positions, descriptions });
  }

  /** The current parse of an open run-config document. */
  static parse(document: vscode.TextDocument): RunConfigDocument {
    return parseRunConfig(document.getText());
  }
}
