// The VSIX the UI tier packaged and installed: only what the extension needs at run time is inside.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { type UiCheck, VSIX_PATH } from './framework';

const ALLOWED = [/^extension\/dist\//, /^extension\/media\//, /^extension\/schemas\/[\w.-]+\.json$/, /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/i];

export const checks: UiCheck[] = [
  {
    name: 'the VSIX holds only dist/, media/, schemas/, README, CHANGELOG, LICENSE and package.json',
    run() {
      const entries = execFileSync('unzip', ['-Z1', VSIX_PATH], { encoding: 'utf8' }).split('\n').filter(Boolean);
      const payload = entries.filter((entry) => entry.startsWith('extension/') && !entry.endsWith('/'));
      const stray = payload.filter((entry) => !ALLOWED.some((pattern) => pattern.test(entry)));
      assert.deepEqual(stray, []);
      assert.ok(payload.includes('extension/dist/extension.js'), 'dist/extension.js missing');
      assert.ok(!payload.some((entry) => entry.endsWith('.map')), 'source maps must not ship');
      assert.ok(payload.includes('extension/readme.md'), 'README missing');
      // package.json's jsonValidation points here; without it VS Code warns "Unable to load schema".
      assert.ok(payload.includes('extension/schemas/sequentum-runs.schema.json'), 'the run-config JSON schema is missing');
      return Promise.resolve();
    },
  },
];
