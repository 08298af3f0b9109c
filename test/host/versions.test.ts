// An agent's versions as rows of the Agents view inside a real VS Code against the simulator, and
// Restore Version… run on a version row (as its context menu does): the tree shows the new version.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AgentNode, TreeNode, VersionNode, VersionsNode } from '../../src/core/tree/nodes';
import { activate, control, nextPrompt } from '../support/hostSupport';

suite('versions in a real VS Code', () => {
  const spaceName = `Host Versions ${Date.now()}`;
  let agentId: number;

  suiteSetup(async () => {
    const space = await control<{ id: number }>('addSpace', { name: spaceName });
    agentId = (await control<{ id: number }>('addAgent', { name: 'Host Versioned Agent', spaceId: space.id, version: 3 })).id;
  });

  async function versionsRow(): Promise<VersionsNode> {
    const { tree } = await activate();
    tree.refresh();
    const space = (await tree.getChildren()).find((node) => node.kind === 'space' && node.space.name === spaceName);
    assert.ok(space, 'space not listed');
    const agent = (await tree.getChildren(space)).find((node): node is AgentNode => node.kind === 'agent' && node.agent.id === agentId);
    assert.ok(agent, 'agent not listed');
    const group = (await tree.getChildren(agent)).find((node): node is VersionsNode => node.kind === 'versions');
    assert.ok(group, 'no Versions row');
    return group;
  }
  const versions = async (group: TreeNode): Promise<VersionNode[]> => (await (await activate()).tree.getChildren(group)).filter((node): node is VersionNode => node.kind === 'version');

  test('a Versions row under the agent lists its versions with number, author, date and comment; the current one is not restorable', async () => {
    const api = await activate();
    const group = await versionsRow();
    assert.equal(api.treeItem(group).label, 'Versions');
    assert.equal(api.treeItem(group).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const rows = await versions(group);
    assert.deepEqual(rows.map((row) => api.treeItem(row).label), ['Version 3', 'Version 2', 'Version 1']);
    const current = api.treeItem(rows[0]);
    assert.match(String(current.description), /^current · .+ · .+ · .+/);
    assert.equal(current.contextValue, 'version');
    assert.equal(api.treeItem(rows[1]).contextValue, 'version restorable');
  });

  test('sequentum.restoreVersion on a version row: no pick, a comment, then the Versions row shows the new current version', async () => {
    const api = await activate();
    const group = await versionsRow();
    const versionOne = (await versions(group)).find((row) => row.version.version === 1);
    assert.ok(versionOne);
    const box = nextPrompt(api, 'input');
    const restored = vscode.commands.executeCommand<{ version: number } | undefined>('sequentum.restoreVersion', versionOne);
    const shown = await box;
    assert.equal(shown.title, 'Restore version 1 of Host Versioned Agent');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // the prefilled comment
    assert.equal((await restored)?.version, 4);
    // The command told the tree before it returned: the next read of the row is a fresh V1.
    const rows = await versions(group);
    assert.deepEqual(rows.map((row) => [row.version.version, row.current]), [[4, true], [3, false], [2, false], [1, false]]);
    assert.equal(rows[0].version.comments, 'Restore version 1');
  });
});
