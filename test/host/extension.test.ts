// The extension inside a real VS Code: it activates, registers its commands, and reads the key
// from the environment. Driven only through its public surface (extension API and commands).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension } from '../support/hostSupport';

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

  test('the extension host got the simulator wiring (env and application-scope setting)', async () => {
    // The runner passes these through code-server's environment and the seeded User/settings.json.
    const control = process.env.SEQUENTUM_SIM_CONTROL_URL;
    assert.ok(process.env.SEQUENTUM_API_KEY, 'SEQUENTUM_API_KEY did not reach the extension host');
    assert.ok(control, 'SEQUENTUM_SIM_CONTROL_URL did not reach the extension host');
    const info = (await (await fetch(`${control}/info`)).json()) as { baseUrl: string };
    assert.equal(vscode.workspace.getConfiguration('sequentum').get<string>('baseUrl'), info.baseUrl);
  });

  test('Sequentum: Show Log runs without error', async () => {
    await vscode.commands.executeCommand('sequentum.showLog');
  });
});
