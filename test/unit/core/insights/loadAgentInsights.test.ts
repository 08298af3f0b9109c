// Loading an agent's insights over the real client and the simulator's billing (B5, B6) and
// generated run histories: what is asked, in which lane, and what a missing piece looks like.
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../../simulator/index';
import type { SequentumClient } from '../../../../src/core/api/client';
import { ProblemError } from '../../../../src/core/api/errors';
import type { Run } from '../../../../src/core/api/model';
import { loadAgentInsights, type InsightsApi } from '../../../../src/core/insights/loadAgentInsights';
import { useEmptySimulator } from '../../../support/simTree';

const RUNS = 'GET /api/v1/agent/{agentId}/runs';

/** Requests per route since the last reset, without the zero rows. */
function requests(sim: Simulator): Record<string, number> {
  return Object.fromEntries(Object.entries(sim.control.counters().requestsPerRoute).filter(([, count]) => count > 0));
}

suite('agent insights: loading over the simulator', () => {
  let sim: Simulator;
  let client: SequentumClient;
  useEmptySimulator(1000, (s, c) => {
    sim = s;
    client = c;
  });

  function agentWithHistory(runs: number, breakage?: { kind: 'zeroRecords'; fromRun: number }): { id: number; name: string; runIds: number[] } {
    const agent = sim.control.addAgent({ name: 'Daily prices', behaviour: 'success' });
    const history = sim.control.addRunHistory(agent.id, { runs, ...(breakage ? { breakage } : {}) });
    return { id: agent.id, name: agent.name, runIds: history.runIds };
  }

  test('runs, cost per run and cost per day in 3 requests; the band is the usual range of the successful runs', async () => {
    const agent = agentWithHistory(20, { kind: 'zeroRecords', fromRun: 19 });
    sim.control.resetCounters();
    const { insights, costProblem } = await loadAgentInsights(client, agent, { now: Date.now() });
    assert.equal(costProblem, undefined);
    assert.deepEqual(Object.values(requests(sim)), [1, 1, 1], JSON.stringify(requests(sim)));
    assert.equal(requests(sim)[RUNS], 1);
    assert.deepEqual(insights.runs.map((run) => run.runId), agent.runIds, 'oldest first');
    assert.ok(insights.runs.every((run) => run.cost !== null && run.cost > 0), 'every run has its B6 cost');
    const last = insights.runs[insights.runs.length - 1];
    assert.equal(last?.records, 0, 'the broken run');
    // The 0-record run still says "success", so it is among the 20; the median hardly moves.
    const band = insights.bands.records;
    const healthy = insights.runs.slice(0, -1).map((run) => run.records ?? 0).sort((a, b) => a - b);
    const healthyMedian = (healthy[9] + healthy[10]) / 2;
    assert.equal(band?.count, 20);
    assert.ok(band && Math.abs(band.median - healthyMedian) / healthyMedian < 0.05, `median ${band?.median} vs ${healthyMedian} without the broken run`);
    assert.ok(band && band.low > 0);
    assert.equal(insights.days.length, 30);
    const perDay = insights.days.reduce((sum, day) => sum + day.cost, 0);
    const perRun = insights.runs.reduce((sum, run) => sum + (run.cost ?? 0), 0);
    assert.ok(Math.abs(perDay - perRun) < 0.01, `cost per day (${perDay}) adds up to cost per run (${perRun}) for runs inside 30 days`);
  });

  test('a key without billing access: runs still shown, one line why cost is missing, B6 not asked', async () => {
    const agent = agentWithHistory(8);
    sim.control.setBillingAccess(sim.apiKey, false);
    sim.control.resetCounters();
    const { insights, costProblem } = await loadAgentInsights(client, agent, { now: Date.now() });
    assert.equal(costProblem, 'Cost not shown: this API key has no access to billing.');
    assert.equal(insights.runs.length, 8);
    assert.ok(insights.runs.every((run) => run.cost === null));
    assert.deepEqual(insights.days, []);
    assert.equal(Object.values(requests(sim)).reduce((a, b) => a + b, 0), 2);
  });

  test('an agent that never ran: 2 requests (no cost per run to ask for), nothing charted', async () => {
    const agent = sim.control.addAgent({ name: 'New', behaviour: 'success' });
    sim.control.resetCounters();
    const { insights, costProblem } = await loadAgentInsights(client, agent, { now: Date.now() });
    assert.equal(costProblem, undefined);
    assert.deepEqual(insights.runs, []);
    assert.ok(insights.days.every((day) => day.cost === 0));
    assert.equal(Object.values(requests(sim)).reduce((a, b) => a + b, 0), 2);
  });

  test('the runs list failing rejects with its typed error (the panel shows it)', async () => {
    const agent = agentWithHistory(3);
    sim.control.setFault({ route: 'GET agent/{id}/runs', kind: 'status', status: 500 });
    await assert.rejects(loadAgentInsights(client, agent, { now: Date.now() }), (error: unknown) => ProblemError.is(error) && error.problem.status === 500);
  });
});

suite('agent insights: request lane', () => {
  test('every request goes in the user lane (someone is looking at the panel)', async () => {
    const lanes: Array<[string, string | undefined]> = [];
    const run: Run = { id: 1, agentId: 7, status: 10, startTime: new Date().toISOString() };
    const api: InsightsApi = {
      listRuns: (_agentId, _max, options) => Promise.resolve(void lanes.push(['listRuns', options?.priority])).then(() => [run]),
      getAgentCostSeries: (agentId, _query, options) => Promise.resolve(void lanes.push(['getAgentCostSeries', options?.priority])).then(() => ({ agentId, labels: [], usage: [], totalCost: 0 })),
      listRunCosts: (_agentId, _query, options) => Promise.resolve(void lanes.push(['listRunCosts', options?.priority])).then(() => ({ runs: [], pageCost: 0 })),
    };
    await loadAgentInsights(api, { id: 7, name: 'x' }, { now: Date.now() });
    assert.deepEqual(lanes.sort(), [['getAgentCostSeries', 'user'], ['listRunCosts', 'user'], ['listRuns', 'user']]);
  });
});
