// The extension inside a real VS Code: it activates, registers its commands, and reads the key
// from the environment. Driven only through its public surface (extension API and commands).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SequentumExtensionApi } from '../../src/container';

const EXTENSION_ID = 'sequentum-tools.sequentum-vscode';

function extension(): vscode.Extension<SequentumExtensionApi> {
  const found = vscode.extensions.getExtension<SequentumExtensionApi>(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not loaded`);
  return found;
}

suite('extension in a real VS Code', () => {
  test('runs inside VS Code', () => {
    console.log(`    vscode.version=${vscode.version} env.appName=${vscode.env.appName} uiKind=${vscode.UIKind[vscode.env.uiKind]} remoteName=${vscode.env.remoteName ?? '-'}`);
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
    assert.ok(vscode.env.appName.length > 0);
  });

  test('activates and returns its API', async () => {
    const api = await extension().activate();
    assert.equal(extension().isActive, true);
    assert.equal(api.ready, true);
  });

  test('registers every command it contributes', async () => {
    await extension().activate();
    const contributed = (extension().packageJSON as { contributes: { commands: Array<{ command: string }> } }).contributes.commands;
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
  });

  test('the extension host received the environment the runner set', () => {
    // The runner passes the key (the simulator's, when present) through the server's environment.
    assert.ok(process.env.SEQUENTUM_API_KEY, 'SEQUENTUM_API_KEY did not reach the extension host');
  });

  test('Sequentum: Show Log runs without error', async () => {
    await vscode.commands.executeCommand('sequentum.showLog');
  });
});
