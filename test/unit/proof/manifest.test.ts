// What the manifest promises about trust: a workspace cannot redirect the key to another server or
// lift the rate limit (application scope is ignored in workspace and folder settings.json), and
// untrusted workspaces are declared as limited.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

interface Manifest {
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; description?: string } };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } | Array<{ properties: Record<string, { scope?: string }> }> };
}

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as Manifest;
const configs = Array.isArray(manifest.contributes.configuration) ? manifest.contributes.configuration : [manifest.contributes.configuration];
const properties = Object.assign({}, ...configs.map((c) => c.properties)) as Record<string, { scope?: string }>;

suite('Proof: manifest trust boundaries', () => {
  test('sequentum.baseUrl and every rate-limit setting are application-scoped', () => {
    const guarded = Object.keys(properties).filter((key) => key === 'sequentum.baseUrl' || key.startsWith('sequentum.rateLimit.'));
    assert.ok(guarded.includes('sequentum.baseUrl') && guarded.length >= 3, guarded.join(', '));
    for (const key of guarded) assert.equal(properties[key]?.scope, 'application', key);
  });

  test('untrusted workspaces are declared as limited, with the reason', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok((manifest.capabilities.untrustedWorkspaces.description ?? '').length > 20);
  });
});
