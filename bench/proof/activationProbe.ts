/**
 * Child process for the performance section: loads the production build's extension.js with a
 * stand-in `vscode` module (every API is an inert, callable, constructible proxy), runs activate()
 * once, and reports its time, whether any HTTP request or socket was attempted, and which of the
 * build's files were loaded (vendor/*.js are meant to load on first use only). argv: build folder
 */
import Module from 'node:module';
import { join, relative } from 'node:path';

// The CommonJS module objects (mutable, unlike ESM namespaces) — the same ones the bundle uses.
const load = Module.createRequire(__filename);
const http = load('node:http') as Record<string, unknown>;
const https = load('node:https') as Record<string, unknown>;
const net = load('node:net') as Record<string, unknown>;

let requests = 0;
const count = (): never => {
  requests++;
  throw new Error('network access during activation');
};
for (const mod of [http, https]) {
  mod.request = count;
  mod.get = count;
}
net.connect = count;
net.createConnection = count;
(globalThis as Record<string, unknown>).fetch = count;

/**
 * The few values activation reads that must look like a fresh VS Code profile's: a setting's value is
 * undefined unless a default is passed (as for a user who set nothing; an inert proxy would be an
 * invalid value, and activation would spend its time warning about 9 bad settings), and the locale
 * is a real language tag.
 */
const REAL_VALUES: Record<string, unknown> = {
  'vscode.workspace.getConfiguration().get': (_key: string, fallback?: unknown) => fallback,
  'vscode.env.language': 'en',
};

/** An inert stand-in for any VS Code API value. */
function inert(path: string): unknown {
  const target = function () {
    /* callable */
  };
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then') return undefined; // not a thenable: awaiting it resolves to itself
      if (prop === Symbol.toPrimitive) return () => path;
      if (prop === Symbol.iterator) return function* () {};
      if (prop === 'dispose') return () => undefined;
      if (prop === 'fsPath' || prop === 'path') return `/tmp/${path}`;
      if (prop === 'scheme') return 'file';
      const next = `${path}.${String(prop)}`;
      return next in REAL_VALUES ? REAL_VALUES[next] : inert(next);
    },
    set: () => true,
    defineProperty: () => true,
    apply: () => inert(`${path}()`),
    construct: () => inert(`new ${path}`) as object,
  });
}

// A real object with the namespaces the extension uses: the bundle's ESM interop copies own keys.
const NAMESPACES = (
  'CancellationError CodeAction CodeActionKind CodeLens Diagnostic DiagnosticSeverity Disposable EventEmitter Hover ' +
  'MarkdownString Position ProgressLocation QuickPickItemKind Range StatusBarAlignment ThemeColor ThemeIcon TreeItem ' +
  'TreeItemCollapsibleState Uri WorkspaceEdit ConfigurationTarget ViewColumn RelativePattern CompletionItem CompletionItemKind ' +
  'DocumentSymbol SymbolKind ExtensionMode FileChangeType FilePermission FileSystemError FileType Selection TabInputCustom TabInputText ' +
  'TextEditorRevealType l10n commands env languages window workspace extensions'
).split(' ');
// As many keys as the real API object (348 in the host tier's VS Code: namespaces, classes, enums):
// what the bundle does per key at load (copies, getters) costs what it costs in the extension host.
const REAL_API_KEYS = 348;
const fillers = Array.from({ length: REAL_API_KEYS - NAMESPACES.length }, (_, i) => `Type${i}`);
const fakeVscode = Object.fromEntries([...NAMESPACES, ...fillers].map((name) => [name, inert(`vscode.${name}`)]));
const originalLoad = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
(Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? fakeVscode : originalLoad.call(this, request, ...rest);
};

// The extension host has run plenty of Node before it activates us: its timer list exists. Here
// the first setTimeout would create it inside activate() (about 4 ms of a 20 ms activation).
clearTimeout(setTimeout(() => undefined, 1_000));

const outdir = process.argv[2] ?? '';
const bundle = join(outdir, 'extension.js');
const t0 = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extension = require(bundle) as { activate(context: unknown): unknown };
const t1 = performance.now();
let error: string | undefined;
try {
  extension.activate(inert('context'));
} catch (e) {
  error = e instanceof Error ? e.message : String(e);
}
const t2 = performance.now();
// Let anything activation scheduled (timers, microtasks) run before counting requests.
setTimeout(() => {
  const loadedFiles = Object.keys(require.cache)
    .filter((file) => file.startsWith(outdir))
    .map((file) => relative(outdir, file));
  process.send?.({ loadMs: t1 - t0, activateMs: t2 - t1, requests, loadedFiles, error }, () => process.exit(0));
}, 200);
