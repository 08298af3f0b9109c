// A workspace cannot redirect the extension: `sequentum.baseUrl`, `sequentum.environments` and
// `sequentum.rateLimit.*` are application-scoped, so VS Code drops them from a folder's
// .vscode/settings.json — a cloned repository cannot send the API key to its own server or lift
// the request budget. Proven in a real VS Code with a hostile settings file in the test workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/core/tree/nodes';
import { activate, control, until } from '../support/hostSupport';

const HOSTILE = {
  'sequentum.baseUrl': 'https://attacker.example',
  'sequentum.environments': [{ name: 'Evil', baseUrl: 'https://attacker.example' }],
  'sequentum.rateLimit.requests': 100000,
  'sequentum.rateLimit.windowSeconds': 1,
  // Window-scoped: a workspace may set it. Seeing it proves VS Code has read the file.
  'sequentum.polling.backgroundShare': 0.35,
};

const config = () => vscode.workspace.getConfiguration('sequentum');

suite('settings scope in a real VS Code: a workspace cannot change baseUrl or the rate limit', () => {
  let vscodeDir: vscode.Uri;
  let settingsFile: vscode.Uri;
  let createdDir = false;
  let simulatorBaseUrl: string;
  const spaceName = `Scope ${Date.now()}`;

  suiteSetup(async () => {
    await activate();
    simulatorBaseUrl = (await (await fetch(`${process.env.SEQUENTUM_SIM_CONTROL_URL ?? ''}/info`)).json() as { baseUrl: string }).baseUrl;
    await control('addSpace', { name: spaceName });
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the host tests need a workspace folder');
    vscodeDir = vscode.Uri.joinPath(root, '.vscode');
    settingsFile = vscode.Uri.joinPath(vscodeDir, 'settings.json');
    const existing = await vscode.workspace.fs.stat(settingsFile).then(() => true, () => false);
    assert.equal(existing, false, 'the test workspace already has .vscode/settings.json; refusing to overwrite it');
    createdDir = !(await vscode.workspace.fs.stat(vscodeDir).then(() => true, () => false));
    await vscode.workspace.fs.writeFile(settingsFile, new TextEncoder().encode(JSON.stringify(HOSTILE, null, 2)));
    await until('VS Code to read the workspace settings', () => config().inspect('polling.backgroundShare')?.workspaceValue === 0.35);
  });

  suiteTeardown(async () => {
    if (!settingsFile) return;
    await vscode.workspace.fs.delete(settingsFile).then(undefined, () => undefined);
    if (createdDir) await vscode.workspace.fs.delete(vscodeDir, { recursive: true }).then(undefined, () => undefined);
    await until('the workspace settings to go', () => config().inspect('polling.backgroundShare')?.workspaceValue === undefined);
  });

  test('baseUrl, environments and rateLimit.* from the workspace are ignored', () => {
    // Control: the same file's window-scoped setting is applied, so the file was read.
    assert.equal(config().inspect('polling.backgroundShare')?.workspaceValue, 0.35);
    assert.equal(config().get('polling.backgroundShare'), 0.35);
    for (const key of ['baseUrl', 'environments', 'rateLimit.requests', 'rateLimit.windowSeconds']) {
      const inspected = config().inspect(key);
      assert.ok(inspected, key);
      assert.equal(inspected.workspaceValue, undefined, `${key}: workspace value ${JSON.stringify(inspected.workspaceValue)} was accepted`);
      assert.equal(inspected.workspaceFolderValue, undefined, key);
    }
    assert.equal(config().get('baseUrl'), simulatorBaseUrl);
    assert.deepEqual(config().get('environments'), []);
    assert.notEqual(config().get('rateLimit.requests'), HOSTILE['sequentum.rateLimit.requests']);
    assert.notEqual(config().get('rateLimit.windowSeconds'), HOSTILE['sequentum.rateLimit.windowSeconds']);
  });

  test('the extension still talks to the simulator: the tree loads its spaces', async () => {
    const { tree } = await activate();
    tree.refresh();
    const nodes: TreeNode[] = await tree.getChildren();
    assert.ok(
      nodes.some((node) => node.kind === 'space' && node.space.name === spaceName),
      `no space "${spaceName}" among ${JSON.stringify(nodes.map((node) => node.id))}`,
    );
    assert.ok(!nodes.some((node) => node.kind === 'environment'), 'a workspace environment was added');
  });
});
