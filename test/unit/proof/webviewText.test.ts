// Webview scripts (webview/) put words on the page as text only. A static check, because one
// `innerHTML = cell` would turn a scraped value into markup; the UI tier checks the real DOM.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const WEBVIEW = path.resolve(__dirname, '../../../webview');

function scripts(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return scripts(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** APIs that parse a string as HTML or code, or navigate. */
const FORBIDDEN = /\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser|\beval\(|new Function\(|setAttribute\(\s*['"](href|src|on\w+)['"]|\.href\s*=|window\.open\(/;

suite('Proof: webview scripts write text only', () => {
  test('no HTML parsing, eval, inline handler or navigation API in webview/', () => {
    const files = scripts(WEBVIEW);
    assert.ok(files.length > 0);
    const offending = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ line, where: `${path.relative(WEBVIEW, file)}:${index + 1}` }))
        .filter(({ line }) => FORBIDDEN.test(line) && !line.trimStart().startsWith('//'))
        .map(({ where, line }) => `${where}: ${line.trim()}`),
    );
    assert.deepEqual(offending, []);
  });
});
