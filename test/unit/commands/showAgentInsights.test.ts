// sequentum.showAgentInsights: which agent's panel opens, from a tree node, a plain argument or the
// palette (environment → agent pick), over the real client and the simulator.
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../simulator/index';
import type { SequentumClient } from '../../../src/core/api/client';
import type { AgentNode } from '../../../src/core/tree/nodes';
import { showAgentInsights, type InsightsDeps, type InsightsTarget } from '../../../src/features/insights/showAgentInsights';
import { ScriptedUi, type Shown } from '../../support/scriptedUi';
import { useEmptySimulator } from '../../support/simTree';

suite('Show Agent Insights: which agent', () => {
  let sim: Simulator;
  let client: SequentumClient;
  useEmptySimulator(1000, (s, c) => {
    sim = s;
    client = c;
  });

  function deps(ui: ScriptedUi, opened: InsightsTarget[]): InsightsDeps {
    return { ui, api: () => Promise.resolve(client), showPanel: (target) => void opened.push(target) };
  }

  test('a tree agent or a plain {agentId} opens that agent\'s panel without a request', async () => {
    const opened: InsightsTarget[] = [];
    const ui = new ScriptedUi();
    sim.control.resetCounters();
    const node = { kind: 'agent', id: 'agent:5', envId: 'prod', agent: { id: 5, name: 'Prices', spaceId: 1, lastStatus: 10, inputParameters: {} } } as unknown as AgentNode;
    await showAgentInsights(deps(ui, opened), node);
    await showAgentInsights(deps(ui, opened), { agentId: 9 });
    assert.deepEqual(opened, [
      { envId: 'prod', agentId: 5, agentName: 'Prices' },
      { envId: undefined, agentId: 9, agentName: 'Agent 9' },
    ]);
    assert.deepEqual(ui.shown, []);
    assert.equal(Object.values(sim.control.counters().requestsPerKey).reduce((a, b) => a + b, 0), 0);
  });

  test('from the palette: the agent pick, then that agent; dismissed: nothing opens', async () => {
    sim.control.addAgent({ name: 'Alpha', behaviour: 'success' });
    const beta = sim.control.addAgent({ name: 'Beta', behaviour: 'success' });
    const opened: InsightsTarget[] = [];
    const pickBeta = (shown: Shown) => shown.items?.find((item) => item.label.includes('Beta'))?.value;
    const ui = new ScriptedUi().answer('pick', pickBeta);
    await showAgentInsights(deps(ui, opened));
    assert.deepEqual(opened, [{ envId: undefined, agentId: beta.id, agentName: 'Beta' }]);
    assert.equal(ui.of('pick')[0]?.message, 'Sequentum: Show Agent Insights');
    await showAgentInsights(deps(new ScriptedUi(), opened));
    assert.equal(opened.length, 1);
  });
});
