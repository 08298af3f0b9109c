/**
 * Child process for the performance section: imports the production build's extension.mjs with a
 * stand-in `vscode` module (every API is an inert, callable, constructible proxy), runs activate()
 * once, and reports its time, whether any HTTP request or socket was attempted, and which of the
 * build's files were loaded (chunks/*.mjs are meant to load on first use only); given a feature's
 * first-use chunks, then times their import. argv: build folder, [JSON list of chunk files]
 */
import Module from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

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
// The bundle is ESM: its `import { request } from 'node:http'` reads the built-ins' ESM exports,
// which follow the CommonJS objects only when synced.
Module.syncBuiltinESMExports();
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

// A real object with the namespaces the extension uses; the `vscode` module below exports each key.
const NAMESPACES = (
  'CancellationError CodeAction CodeActionKind CodeLens Diagnostic DiagnosticSeverity Disposable EventEmitter Hover ' +
  'MarkdownString Position ProgressLocation QuickPickItemKind Range StatusBarAlignment ThemeColor ThemeIcon TreeItem ' +
  'TreeItemCollapsibleState Uri WorkspaceEdit ConfigurationTarget ViewColumn RelativePattern CompletionItem CompletionItemKind ' +
  'DocumentSymbol SymbolKind ExtensionMode FileChangeType FilePermission FileSystemError FileType Selection TabInputCustom TabInputText ' +
  'TextEditorRevealType l10n commands env languages window workspace extensions'
).split(' ');
// As many keys as the real API object (348 in the host tier's VS Code: namespaces, classes, enums):
// the host's `vscode` module has an export per key, and evaluating it costs what it costs there.
const REAL_API_KEYS = 348;
const fillers = Array.from({ length: REAL_API_KEYS - NAMESPACES.length }, (_, i) => `Type${i}`);
const fakeVscode = Object.fromEntries([...NAMESPACES, ...fillers].map((name) => [name, inert(`vscode.${name}`)]));
(globalThis as Record<string, unknown>).__probeVscode = fakeVscode;

/**
 * Module hooks (they run on Node's loader thread): `vscode` resolves to a module exporting each key
 * of the stand-in by name, as the extension host's own hook does for ESM extensions (a module of
 * `export const <key> = api['<key>']`), and every file the loader reads is posted back here — an
 * ES module leaves no require.cache to list.
 */
const HOOKS = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  return specifier === 'vscode' ? { url: 'probe:vscode', shortCircuit: true } : next(specifier, context);
}
export async function load(url, context, next) {
  if (url !== 'probe:vscode') {
    port.postMessage(url);
    return next(url, context);
  }
  const keys = ${JSON.stringify(Object.keys(fakeVscode))};
  const source = 'const api = globalThis.__probeVscode;\\n' + keys.map((key) => 'export const ' + key + ' = api[' + JSON.stringify(key) + '];').join('\\n');
  return { format: 'module', source, shortCircuit: true };
}`;
const loadedUrls: string[] = [];
const { port1, port2 } = new MessageChannel();
port1.on('message', (url: string) => loadedUrls.push(url));
port1.unref();
Module.register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, { data: { port: port2 }, transferList: [port2] });

// The extension host has run plenty of Node before it activates us: its timer list exists. Here
// the first setTimeout would create it inside activate() (about 4 ms of a 20 ms activation).
clearTimeout(setTimeout(() => undefined, 1_000));

const outdir = process.argv[2] ?? '';
/** Build files (relative to outdir) a feature imports on its first use; when given, their import is timed after activation. */
const firstUse = JSON.parse(process.argv[3] ?? '[]') as string[];
const urlOf = (file: string): string => pathToFileURL(join(outdir, file)).href;
/** The build's files loaded so far, relative to outdir. */
const loadedFiles = (): string[] =>
  loadedUrls
    .filter((url) => url.startsWith('file:'))
    .map((url) => fileURLToPath(url))
    .filter((file) => file.startsWith(outdir))
    .map((file) => relative(outdir, file));
void (async () => {
  const t0 = performance.now();
  const extension = (await import(urlOf('extension.mjs'))) as { activate(context: unknown): unknown };
  const t1 = performance.now();
  let error: string | undefined;
  try {
    extension.activate(inert('context'));
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const t2 = performance.now();
  // Let anything activation scheduled (timers, microtasks, first-use imports) run before counting.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const atActivation = loadedFiles();
  let firstUseMs: number | undefined;
  let firstUseFiles: string[] | undefined;
  if (firstUse.length > 0) {
    // What the feature's `await import(…)` costs on its first use: the chunk and the shared chunks it
    // needs that activation did not load, read and evaluated.
    const t3 = performance.now();
    try {
      await Promise.all(firstUse.map((file) => import(urlOf(file))));
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    firstUseMs = performance.now() - t3;
    // The load hook posts from the loader thread: give its last messages a turn to arrive.
    await new Promise((resolve) => setTimeout(resolve, 50));
    firstUseFiles = loadedFiles().filter((file) => !atActivation.includes(file));
  }
  process.send?.({ loadMs: t1 - t0, activateMs: t2 - t1, requests, loadedFiles: atActivation, firstUseMs, firstUseFiles, error }, () => process.exit(0));
})();
