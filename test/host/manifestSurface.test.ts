// What the manifest promises, inside a real VS Code: the agent hover works in a document of any
// scheme once the extension is active (not only files), even far down a big document; Start Run in
// a run-config file's editor title starts the file's entry without asking for an agent.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, control } from '../support/hostSupport';

const SCHEME = 'sequentum-host-any';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n')
    .replace(/&nbsp;/g, ' ')
    .replace(/\\(.)/g, '$1');
}

suite('manifest surface in a real VS Code: hover anywhere, editor-title Start Run', () => {
  let agent: { id: number; name: string };
  const documents = new Map<string, string>();
  let provider: vscode.Disposable | undefined;
  let folder: vscode.Uri;

  suiteSetup(async () => {
    const api = await activate();
    // An agent the edit-time agent cache already holds (it loads once; one added now would be unknown).
    for (const space of await api.tree.getChildren()) {
      const found = (await api.tree.getChildren(space)).find((node) => node.kind === 'agent');
      if (found?.kind === 'agent') {
        agent = { id: found.agent.id, name: found.agent.name };
        break;
      }
    }
    assert.ok(agent, 'the simulator lists an agent');
    provider = vscode.workspace.registerTextDocumentContentProvider(SCHEME, { provideTextDocumentContent: (uri) => documents.get(uri.path) ?? '' });
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the host tests need a workspace folder');
    folder = vscode.Uri.joinPath(root, `surface-${Date.now().toString(36)}`);
    await vscode.workspace.fs.createDirectory(folder);
  });

  suiteTeardown(async () => {
    provider?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
  });

  test('a /api/v1/agent/{id} mention in a document of another scheme shows the agent on hover', async () => {
    documents.set('/pipeline.yml', `steps:\n  - run: curl -X POST https://dashboard.sequentum.com/api/v1/agent/${agent.id}/start\n`);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(`${SCHEME}:/pipeline.yml`));
    assert.equal(document.uri.scheme, SCHEME);
    const offset = document.getText().indexOf(`/agent/${agent.id}`) + '/agent/'.length + 1;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(offset));
    assert.match(hoverText(hovers), new RegExp(`agent ${agent.id}`), hoverText(hovers));
    assert.ok(hoverText(hovers).includes(agent.name.split(' ')[0] ?? ''), 'the hover names the agent');
  });

  test('the 600th mention of a long untitled document hovers too (only the hovered line is read)', async () => {
    const lines = Array.from({ length: 600 }, (_, i) => `GET /api/v1/agent/${i === 599 ? agent.id : 900000 + i}/runs`);
    const document = await vscode.workspace.openTextDocument({ content: lines.join('\n'), language: 'plaintext' });
    const position = new vscode.Position(599, 'GET /api/v1/agent/'.length + 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    assert.match(hoverText(hovers), new RegExp(`agent ${agent.id}`), hoverText(hovers));
  });

  test("Start Run with a run-config file's Uri (its editor title) starts the file's entry, with no agent pick (a pick would hang the command)", async () => {
    // A new agent: no run in flight, so the duplicate-run check asks nothing.
    const fresh = await control<{ id: number }>('addAgent', { name: `Title bar ${Date.now()}`, inputParameters: {}, isExclusive: false });
    const uri = vscode.Uri.joinPath(folder, 'title.sequentum.json');
    const runs = [{ name: 'From the title bar', agentId: fresh.id, parallelism: 2 }];
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify({ runs }, null, 2)));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const outcome = await vscode.commands.executeCommand<{ kind: string; run?: { agentId: number; id: number } }>('sequentum.startRun', uri);
    assert.equal(outcome?.kind, 'started', JSON.stringify(outcome));
    assert.equal(outcome.run?.agentId, fresh.id);
  });
});
