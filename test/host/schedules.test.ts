// Schedules inside a real VS Code against the simulator: an agent's schedules in the view's model,
// and Disable / Enable Schedule through the registered commands (the public surface).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AgentNode, ScheduleNode, TreeNode } from '../../src/core/tree/nodes';
import { activate, control } from '../support/hostSupport';

suite('schedules in a real VS Code', () => {
  const spaceName = `Host Schedules ${Date.now()}`;
  let scheduleId: number;

  suiteSetup(async () => {
    const space = await control<{ id: number }>('addSpace', { name: spaceName });
    const agentId = (await control<{ id: number }>('addAgent', { name: 'Host Scheduled Agent', spaceId: space.id })).id;
    scheduleId = (await control<{ id: number }>('addSchedule', agentId, { name: 'Host Nightly', scheduleType: 3, cronExpression: '0 2 * * *', timezone: 'Europe/Berlin' })).id;
  });

  async function scheduleNode(): Promise<ScheduleNode> {
    const { tree } = await activate();
    tree.refresh();
    const space = (await tree.getChildren()).find((node) => node.kind === 'space' && node.space.name === spaceName);
    assert.ok(space, 'space not listed');
    const agent = (await tree.getChildren(space)).find((node): node is AgentNode => node.kind === 'agent' && node.agent.name === 'Host Scheduled Agent');
    assert.ok(agent, 'agent not listed');
    const children: TreeNode[] = await tree.getChildren(agent);
    const node = children.find((child): child is ScheduleNode => child.kind === 'schedule' && child.schedule.id === scheduleId);
    assert.ok(node, `no schedule among ${JSON.stringify(children.map((child) => child.id))}`);
    return node;
  }

  test('an agent lists its schedule; Disable and Enable Schedule change it on the server and in the row', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of ['sequentum.enableSchedule', 'sequentum.disableSchedule', 'sequentum.deleteSchedule']) assert.ok(registered.has(id), `${id} is not registered`);
    const node = await scheduleNode();
    assert.equal(node.schedule.isEnabled, true);
    await vscode.commands.executeCommand('sequentum.disableSchedule', node);
    assert.equal(node.schedule.isEnabled, false);
    assert.equal((await control<{ isEnabled: boolean }>('getSchedule', scheduleId)).isEnabled, false);
    await vscode.commands.executeCommand('sequentum.enableSchedule', node);
    assert.equal(node.schedule.isEnabled, true);
    assert.equal((await control<{ isEnabled: boolean }>('getSchedule', scheduleId)).isEnabled, true);
  });
});
