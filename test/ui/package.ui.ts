// The VSIX the UI tier packaged and installed: only what the extension needs at run time is inside.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { type UiCheck, VSIX_PATH } from '../support/uiFramework';

const ROOT = join(__dirname, '..', '..');
const ALLOWED = [
  /^extension\/dist\//,
  /^extension\/media\/[\w.-]+\.(svg|png)$/,
  /^extension\/media\/screenshots\/[\w-]+\.png$/,
  /^extension\/media\/dist\/[\w-]+\.(js|css)$/,
  /^extension\/schemas\/[\w.-]+\.json$/,
  /^extension\/syntaxes\/[\w.-]+\.tmLanguage\.json$/,
  /^extension\/l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
  /^extension\/(package\.json|package\.nls(\.[\w-]+)?\.json|readme\.md|changelog\.md|LICENSE\.txt)$/i,
];

/**
 * Every chunk a build file in the VSIX imports, statically or with import(), and theirs in turn
 * (paths relative to dist/); a chunk missing from the VSIX is listed, not read.
 */
function chunkImports(file: string, payload: readonly string[], seen = new Set<string>()): string[] {
  const source = execFileSync('unzip', ['-p', VSIX_PATH, `extension/dist/${file}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  for (const [, specifier] of source.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+\.mjs)["']/g)) {
    const chunk = posix.join(posix.dirname(file), specifier ?? '');
    if (!seen.has(chunk)) {
      seen.add(chunk);
      if (payload.includes(`extension/dist/${chunk}`)) chunkImports(chunk, payload, seen);
    }
  }
  return [...seen];
}

export const checks: UiCheck[] = [
  {
    name: 'the VSIX holds only dist/, media/, schemas/, syntaxes/, l10n/, README, CHANGELOG, LICENSE, package.json and package.nls.json',
    run() {
      const entries = execFileSync('unzip', ['-Z1', VSIX_PATH], { encoding: 'utf8' }).split('\n').filter(Boolean);
      const payload = entries.filter((entry) => entry.startsWith('extension/') && !entry.endsWith('/'));
      const stray = payload.filter((entry) => !ALLOWED.some((pattern) => pattern.test(entry)));
      assert.deepEqual(stray, []);
      assert.ok(payload.includes('extension/dist/extension.mjs'), 'dist/extension.mjs missing');
      // The chunks extension.mjs imports (at load or on first use: the first request, the first CSV
      // table, Why Did It Fail? …): without one that use fails, activation does not.
      const chunks = chunkImports('extension.mjs', payload).map((file) => `extension/dist/${file}`);
      assert.ok(chunks.length > 0, 'extension.mjs imports no chunk: the build is not split');
      assert.deepEqual(
        chunks.filter((file) => !payload.includes(file)),
        [],
        'chunks missing from the VSIX',
      );
      assert.ok(!payload.some((entry) => /^extension\/dist\/.*\.js$/.test(entry)), 'a CommonJS leftover (dist/*.js) ships');
      assert.ok(!payload.some((entry) => entry.endsWith('.map')), 'source maps must not ship');
      assert.ok(payload.includes('extension/readme.md'), 'README missing');
      // package.json's jsonValidation points here; without it VS Code warns "Unable to load schema".
      assert.ok(payload.includes('extension/schemas/sequentum-runs.schema.json'), 'the run-config JSON schema is missing');
      // The manifest's %key% strings, the marketplace icon and every walkthrough image.
      assert.ok(payload.includes('extension/package.nls.json'), 'package.nls.json missing: the manifest would show %keys%');
      assert.ok(payload.includes('extension/media/icon.png'), 'the marketplace icon is missing');
      assert.ok(!payload.some((entry) => entry.startsWith('extension/media/design/')), 'icon sources must not ship');
      const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { walkthroughs: Array<{ steps: Array<{ media: { image: string } }> }> } };
      const images = manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps.map((step) => `extension/${step.media.image}`));
      assert.deepEqual(
        images.filter((image) => !payload.includes(image)),
        [],
        'walkthrough images missing from the VSIX',
      );
      // The code's l10n bundle, when there is one, ships with it.
      if (existsSync(join(ROOT, 'l10n', 'bundle.l10n.json'))) assert.ok(payload.includes('extension/l10n/bundle.l10n.json'), 'l10n/bundle.l10n.json missing');
      return Promise.resolve();
    },
  },
];
