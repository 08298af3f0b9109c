// The agents tree inside a real VS Code against the simulator: the view's model returns spaces and
// agents, the tree commands are registered, and a CSV output file opens in the table view.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AgentNode, FileNode, RunNode, TreeNode } from '../../src/core/tree/nodes';
import { activate, control } from '../support/hostSupport';

function named(nodes: TreeNode[], kind: TreeNode['kind'], name: string): TreeNode {
  const found = nodes.find(
    (node) =>
      node.kind === kind &&
      ((node.kind === 'space' && node.space.name === name) ||
        (node.kind === 'agent' && node.agent.name === name) ||
        (node.kind === 'file' && node.file.name === name)),
  );
  assert.ok(found, `no ${kind} "${name}" among ${JSON.stringify(nodes.map((node) => node.id))}`);
  return found;
}

suite('agents tree in a real VS Code', () => {
  const spaceName = `Host Tree ${Date.now()}`;
  let agentId: number;
  let runId: number;

  suiteSetup(async () => {
    const space = await control<{ id: number }>('addSpace', { name: spaceName });
    agentId = (await control<{ id: number }>('addAgent', { name: 'Host Csv Agent', spaceId: space.id })).id;
    runId = (await control<{ id: number }>('addRun', agentId, { status: 6, dataCount: 12, message: 'Selector not found' })).id;
    await control('addRun', agentId, { status: 10, dataCount: 1204 });
  });

  test('the view shows spaces and agents from the simulator', async () => {
    const { tree } = await activate();
    tree.refresh();
    const spaces = await tree.getChildren();
    const space = named(spaces, 'space', spaceName);
    const agents = await tree.getChildren(space);
    const agent = named(agents, 'agent', 'Host Csv Agent') as AgentNode;
    const children = await tree.getChildren(agent);
    assert.deepEqual(children.map((node) => node.kind), ['run', 'run', 'versions'], 'the runs, then the Versions row');
  });

  test('the tree commands are registered', async () => {
    await activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of ['sequentum.refresh', 'sequentum.filter', 'sequentum.clearFilter', 'sequentum.openFile', 'sequentum.showRunDiagnostics', 'sequentum.openInDashboard']) {
      assert.ok(registered.has(id), `${id} is not registered`);
    }
    await vscode.commands.executeCommand('sequentum.refresh');
  });

  test('Open Output File opens a CSV in the table view; Reopen With text shows the same file', async () => {
    const { tree } = await activate();
    const space = named(await tree.getChildren(), 'space', spaceName);
    const agent = named(await tree.getChildren(space), 'agent', 'Host Csv Agent');
    const run = (await tree.getChildren(agent)).find((node): node is RunNode => node.kind === 'run' && node.run.id !== runId)!;
    const csv = named(await tree.getChildren(run), 'file', 'data.csv') as FileNode;
    await vscode.commands.executeCommand('sequentum.openFile', csv);
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(input instanceof vscode.TabInputCustom, `not a custom editor: ${JSON.stringify(input)}`);
    assert.equal(input.viewType, 'sequentum.table');
    assert.match(input.uri.path, /\/data\.csv$/);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(input.uri));
    assert.match(text, /^id,title,price,currency,location,url,scrapedAt\n/);
    assert.equal(text.trimEnd().split('\n').length, 501, 'the whole file (500 records) is on disk');
    // What the table's "Open as Text" button does.
    await vscode.commands.executeCommand('vscode.openWith', input.uri, 'default');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, input.uri.fsPath);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('"Why did it fail?" opens a read-only diagnostics document', async () => {
    const { tree } = await activate();
    const space = named(await tree.getChildren(), 'space', spaceName);
    const agent = named(await tree.getChildren(space), 'agent', 'Host Csv Agent');
    const failed = (await tree.getChildren(agent)).find((node): node is RunNode => node.kind === 'run' && node.run.id === runId)!;
    await vscode.commands.executeCommand('sequentum.showRunDiagnostics', failed);
    const uri = vscode.Uri.from({ scheme: 'sequentum-diagnostics', path: `/agent-${agentId}/run-${runId}.md` });
    const document = await vscode.workspace.openTextDocument(uri);
    // The heading is Markdown from the sinks: the "?" may be backslash-escaped (renders the same).
    assert.match(document.getText(), /^# Why did Host Csv Agent fail\\?\?/);
    assert.match(document.getText(), /## Suggested actions/);
  });
});
