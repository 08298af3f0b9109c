import { executeCommand, fakeVscode } from './fakeVscode';

/**
 * More of the fake `vscode` module (test/support/fakeVscode.ts) for features that read documents
 * and publish diagnostics (the run-config checks): open documents and visible editors the test
 * sets, provider registrations that do nothing, a diagnostic collection that keeps what was set,
 * and the value classes those features construct (those at once: a module's `import * as vscode`
 * sees only the members present when it loads; the rest for the suites that call useFakeDocuments). No document events ever fire: a test gives the
 * state as it is when the feature is built. Import this file before any `src/platform` or
 * `src/features` module.
 */

type Listener<T> = (value: T) => void;
const noEvent = () => new fakeVscode.Disposable(() => undefined);

class EventEmitter<T> {
  private readonly listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>) => {
    this.listeners.add(listener);
    return new fakeVscode.Disposable(() => this.listeners.delete(listener));
  };
  fire(value: T): void {
    this.listeners.forEach((listener) => listener(value));
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export class Range {
  constructor(
    readonly startLine: number,
    readonly startCharacter: number,
    readonly endLine: number,
    readonly endCharacter: number,
  ) {}
}

export class Diagnostic {
  source?: string;
  code?: unknown;
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: number,
  ) {}
}

/** An open document as the features read it (offsets over `\n` lines), at `file://<path>`. */
export function openDocument(path: string, text: string) {
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((match) => match.index + 1)];
  const positionAt = (offset: number) => {
    let line = lineStarts.length - 1;
    while (lineStarts[line] > offset) line--;
    return { line, character: offset - lineStarts[line] };
  };
  const uri = { scheme: 'file', path, toString: () => `file://${path}` };
  return {
    uri,
    version: 1,
    isClosed: false,
    lineCount: lineStarts.length,
    getText: () => text,
    positionAt,
    offsetAt: (position: { line: number; character: number }) => lineStarts[position.line] + position.character,
    lineAt: (line: number) => ({ text: text.slice(lineStarts[line], (lineStarts[line + 1] ?? text.length + 1) - 1) }),
  };
}
export type FakeDocument = ReturnType<typeof openDocument>;

/** What the diagnostic collections were last given, per URI. */
export const published = new Map<string, Diagnostic[]>();
/** `workspace.textDocuments`: the open documents. */
export const textDocuments: FakeDocument[] = [];
/** `window.visibleTextEditors`. */
export const visibleTextEditors: Array<{ document: FakeDocument }> = [];

/** No documents, no editors, nothing published. */
function resetDocuments(): void {
  published.clear();
  textDocuments.length = 0;
  visibleTextEditors.length = 0;
}

Object.assign(fakeVscode, {
  EventEmitter,
  Range,
  Diagnostic,
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  CodeActionKind: { QuickFix: 'quickfix' },
  languages: {
    registerCodeLensProvider: noEvent,
    registerHoverProvider: noEvent,
    registerCodeActionsProvider: noEvent,
    createDiagnosticCollection: () => ({
      set: (uri: { toString(): string }, diagnostics: Diagnostic[]) => void published.set(uri.toString(), diagnostics),
      delete: (uri: { toString(): string }) => void published.delete(uri.toString()),
      dispose: () => undefined,
    }),
  },
});
const workspaceMembers = {
  isTrusted: true,
  textDocuments,
  onDidOpenTextDocument: noEvent,
  onDidChangeTextDocument: noEvent,
  onDidCloseTextDocument: noEvent,
  onDidDeleteFiles: noEvent,
  onDidRenameFiles: noEvent,
  onDidGrantWorkspaceTrust: noEvent,
  createFileSystemWatcher: () => ({ onDidDelete: noEvent, dispose: () => undefined }),
};
const windowMembers = { visibleTextEditors, onDidChangeVisibleTextEditors: noEvent };
// setContext is VS Code's; any other id runs what was registered, as the fake's executeCommand does.
const commandMembers = { executeCommand: (id: string, ...args: unknown[]) => (id === 'setContext' ? Promise.resolve(undefined) : executeCommand(id, ...args)) };
const members: Array<[object, object]> = [
  [fakeVscode.workspace, workspaceMembers],
  [fakeVscode.window, windowMembers],
  [fakeVscode.commands, commandMembers],
];

/**
 * For one suite: the workspace, window and command members above (removed after it, so other
 * files see the fake as they knew it), and no documents, editors or diagnostics before each test.
 */
export function useFakeDocuments(): void {
  suiteSetup(() => members.forEach(([target, added]) => Object.assign(target, added)));
  setup(resetDocuments);
  suiteTeardown(() => {
    for (const [target, added] of members) for (const key of Object.keys(added)) delete (target as Record<string, unknown>)[key];
    resetDocuments();
  });
}
