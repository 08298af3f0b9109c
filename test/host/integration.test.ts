// Integration in a real VS Code against the simulator: in-flight runs seen in the tree are followed
// ("Killing…" shown, the node updated on finish), sequentum.revealRun selects a run named by a plain
// {agentId, runId}, tree commands take plain arguments, and sequentum.environments adds an
// environment level with its own key.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SequentumExtensionApi } from '../../src/container';
import type { AgentNode, EnvironmentNode, RunNode, SpaceNode, TreeNode } from '../../src/core/tree/nodes';
import { presentNode } from '../../src/core/tree/presentation';
import { activate, control, until } from '../support/hostSupport';

const label = (node: TreeNode) => presentNode(node, { now: Date.now() }).label;
const description = (node: TreeNode) => presentNode(node, { now: Date.now() }).description;

suite('integration in a real VS Code', () => {
  let api: SequentumExtensionApi;
  const config = () => vscode.workspace.getConfiguration('sequentum');
  const spaceName = `Integration ${Date.now()}`;
  let agentId: number;

  suiteSetup(async () => {
    api = await activate();
    await config().update('polling.intervalSeconds', 1, vscode.ConfigurationTarget.Global);
    await config().update('notifications.runFinished', 'off', vscode.ConfigurationTarget.Global);
    const space = await control<{ id: number }>('addSpace', { name: spaceName });
    agentId = (await control<{ id: number }>('addAgent', { name: 'Integration Endless', spaceId: space.id, behaviour: 'endless', isExclusive: false })).id;
  });

  suiteTeardown(async () => {
    await config().update('polling.intervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    await config().update('notifications.runFinished', undefined, vscode.ConfigurationTarget.Global);
    await config().update('environments', undefined, vscode.ConfigurationTarget.Global);
  });

  async function agentNode(): Promise<AgentNode> {
    const spaces = await api.tree.getChildren();
    const space = spaces.find((node) => node.kind === 'space' && node.space.name === spaceName);
    assert.ok(space, `no space ${spaceName}`);
    const agent = (await api.tree.getChildren(space)).find((node) => node.kind === 'agent' && node.agent.id === agentId);
    assert.ok(agent?.kind === 'agent');
    return agent;
  }

  test('an in-flight run listed by the tree is followed; Kill shows "Killing…", then the node shows Stopped', async () => {
    const live = await control<{ id: number }>('addRun', agentId);
    api.tree.refresh();
    const node = (await api.tree.getChildren(await agentNode())).find((candidate): candidate is RunNode => candidate.kind === 'run' && candidate.run.id === live.id);
    assert.ok(node, 'the run is listed');
    assert.ok(api.runs.get({ agentId, runId: live.id }), 'the tree handed the in-flight run to the tracker');

    await vscode.commands.executeCommand('sequentum.killRun', { agentId, runId: live.id, confirm: false });
    assert.ok(node.pending === 'killing' || node.run.status === 8, `pending ${node.pending}, status ${node.run.status}`);
    if (node.pending === 'killing') assert.equal(description(node), 'Killing…');
    await until('the run to finish in the tree', () => node.run.status === 8);
    assert.equal(description(node), 'stopped');
    assert.equal(api.runs.get({ agentId, runId: live.id }), undefined);
  });

  test('sequentum.revealRun with a plain {agentId, runId} selects the run node', async () => {
    const run = await control<{ id: number }>('addRun', agentId, { status: 10, dataCount: 5 });
    api.tree.refresh();
    await vscode.commands.executeCommand('workbench.view.extension.sequentum');
    await vscode.commands.executeCommand('sequentum.revealRun', { agentId, runId: run.id });
    const selected = api.treeSelection();
    assert.equal(selected.length, 1);
    assert.ok(selected[0].kind === 'run' && selected[0].run.id === run.id, JSON.stringify(selected.map((node) => node.id)));
  });

  test('"Why did it fail?" takes a plain {agentId, runId} (as notifications pass it)', async () => {
    const failed = await control<{ id: number }>('addRun', agentId, { status: 6, message: 'Selector not found' });
    await vscode.commands.executeCommand('sequentum.showRunDiagnostics', { agentId, runId: failed.id });
    const uri = vscode.Uri.from({ scheme: 'sequentum-diagnostics', path: `/agent-${agentId}/run-${failed.id}.md` });
    const document = await vscode.workspace.openTextDocument(uri);
    assert.match(document.getText(), /^# Why did /);
  });

  test('sequentum.environments: an environment level appears; the new one asks for its own key', async () => {
    const defaultUrl = config().get<string>('baseUrl') ?? '';
    const other = defaultUrl.replace('127.0.0.1', 'localhost');
    assert.notEqual(other, defaultUrl, `base URL ${defaultUrl} is not 127.0.0.1`);
    await config().update('environments', [{ name: 'Second', baseUrl: other }], vscode.ConfigurationTarget.Global);
    const roots = (await api.tree.getChildren()) as EnvironmentNode[];
    assert.deepEqual(roots.map((node) => node.kind), ['environment', 'environment']);
    assert.equal(roots[1].env.name, 'Second');
    const second = await api.tree.getChildren(roots[1]);
    assert.equal(label(second[0]), 'No API key set');
    const spaces = (await api.tree.getChildren(roots[0])) as SpaceNode[];
    assert.ok(spaces.some((node) => node.kind === 'space' && node.space.name === spaceName), 'the default environment still lists its spaces');

    await config().update('environments', undefined, vscode.ConfigurationTarget.Global);
    const back = await api.tree.getChildren();
    assert.ok(back.every((node) => node.kind !== 'environment'), 'one environment: no extra level');
  });
});
