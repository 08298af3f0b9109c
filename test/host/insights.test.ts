// Show Agent Insights inside a real VS Code, for a simulator agent with a run history: the panel
// opens, loads once (runs, cost per day, cost per run), and showing it again asks nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SequentumExtensionApi } from '../../src/container';
import { activate, control, until } from '../support/hostSupport';

interface Counters {
  requestsPerRoute: Record<string, number>;
}

/** Requests per route of the insights (runs list, B5, B6) since the last counter reset. */
async function insightsRequests(): Promise<number> {
  const { requestsPerRoute } = await control<Counters>('counters');
  return Object.entries(requestsPerRoute)
    .filter(([route]) => /agent\/\{[^}]+\}\/runs$|billing\/agents\/\{[^}]+\}(\/runs)?$/.test(route))
    .reduce((sum, [, count]) => sum + count, 0);
}

function insightsTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('sequentum.agentInsights'));
}

suite('agent insights in a real VS Code', () => {
  let api: SequentumExtensionApi;

  suiteSetup(async () => {
    api = await activate();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('opens a panel for an agent with 12 runs, loads once, and asks nothing when shown again', async () => {
    const agent = await control<{ id: number; name: string }>('addAgent', { name: 'Host insights: daily prices', behaviour: 'success', spaceId: null });
    await control('addRunHistory', agent.id, { runs: 12 });
    await control('resetCounters');
    await vscode.commands.executeCommand('sequentum.showAgentInsights', { agentId: agent.id, agentName: agent.name });
    const panel = () => api.insightsPanels().find((state) => state.agentId === agent.id);
    await until('the panel shows the runs', () => panel()?.state === 'show');
    assert.deepEqual(panel(), { envId: undefined, agentId: agent.id, state: 'show', runs: 12, loads: 1 });
    assert.equal(await insightsRequests(), 3, 'runs, B5 and B6, once each');
    // The tab list is updated from the workbench after the panel exists: wait for it, then check its title.
    await until('the panel has its tab', () => insightsTabs().length > 0);
    assert.deepEqual(insightsTabs().map((tab) => tab.label), [agent.name]);

    // Another editor in front, then the command again: the same panel comes back, nothing is asked.
    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    await until('the untitled editor is in front', () => !(insightsTabs()[0]?.isActive ?? true));
    await vscode.commands.executeCommand('sequentum.showAgentInsights', { agentId: agent.id, agentName: agent.name });
    await until('the panel is in front again', () => insightsTabs()[0]?.isActive === true);
    assert.equal(insightsTabs().length, 1, 'one panel per agent');
    assert.equal(panel()?.loads, 1);
    assert.equal(await insightsRequests(), 3);
  });

  test('a key without billing access: the runs are charted, the panel says why cost is missing', async () => {
    const agent = await control<{ id: number; name: string }>('addAgent', { name: 'Host insights: no billing', behaviour: 'success', spaceId: null });
    await control('addRunHistory', agent.id, { runs: 6 });
    const key = process.env.SEQUENTUM_API_KEY;
    assert.ok(key, 'the host tier passes the simulator key as SEQUENTUM_API_KEY');
    await control('setBillingAccess', key, false);
    try {
      await vscode.commands.executeCommand('sequentum.showAgentInsights', { agentId: agent.id, agentName: agent.name });
      const panel = () => api.insightsPanels().find((state) => state.agentId === agent.id);
      await until('the panel shows the runs', () => panel()?.state === 'show');
      assert.equal(panel()?.runs, 6);
      assert.equal(panel()?.costProblem, 'Cost not shown: this API key has no access to billing.');
    } finally {
      await control('setBillingAccess', key, true);
    }
  });
});
