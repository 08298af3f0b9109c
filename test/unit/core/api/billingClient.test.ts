import * as assert from 'node:assert/strict';
import { usageKindOf, usageFilter } from '../../../../src/core/api/billingWire';
import type { SequentumClient } from '../../../../src/core/api/client';
import { ProblemError } from '../../../../src/core/api/errors';
import type { Simulator } from '../../../../simulator/index';
import { useEmptySimulator } from '../../../support/simTree';

const DAY = 86_400_000;
const range = (days: number): { startDate: string; endDate: string } => ({ startDate: new Date(Date.now() - days * DAY).toISOString(), endDate: new Date(Date.now() + DAY).toISOString() });

suite('client: billing B1–B6 and records summary N2 over the simulator', () => {
  let sim: Simulator;
  let client: SequentumClient;
  useEmptySimulator(1000, (s, c) => {
    sim = s;
    client = c;
  });

  function agentWithHistory(runs = 12): { agentId: number; runIds: number[] } {
    const agentId = sim.control.addAgent({ name: 'Billed agent' }).id;
    return { agentId, runIds: sim.control.addRunHistory(agentId, { runs, seed: 5 }).runIds };
  }

  test('credits, spending and history read in every casing; a 403 without billing access is a typed error', async () => {
    agentWithHistory();
    sim.control.setCreditGrant(500);
    const credits = await client.getCredits();
    assert.ok(credits.availableCredits > 0 && credits.availableCredits < 500);
    const spending = await client.getSpending(range(30));
    assert.equal(Math.round((500 - spending.totalSpent) * 1e4) / 1e4, credits.availableCredits);
    sim.control.setVariants({ pascalCase: true, omitOptional: true });
    assert.equal((await client.getCredits()).availableCredits, credits.availableCredits);
    const history = await client.getCreditHistory({ recordsPerPage: 100 });
    assert.equal(history.transactions.at(-1)?.type, 'Initial');
    sim.control.setBillingAccess(sim.apiKey, false);
    const denied = await client.getCredits().catch((error: unknown) => error);
    assert.ok(ProblemError.is(denied) && denied.status === 403, String(denied));
  });

  test('run costs: dates always sent, one page, pageCost is the sum of its rows (the server totalCost is per page)', async () => {
    const { agentId, runIds } = agentWithHistory();
    const page = await client.listRunCosts(agentId, { ...range(30), recordsPerPage: 5, sortOrder: 'descending' });
    assert.deepEqual(page.runs.map((r) => r.runId), runIds.slice(-5).reverse());
    assert.equal(page.total, 12);
    assert.equal(page.pageCost, Math.round(page.runs.reduce((s, r) => s + r.cost, 0) * 1e4) / 1e4);
    assert.ok(page.runs.every((r) => r.cost > 0 && r.date !== undefined));
  });

  test('cost series: the answer names types internally or by label, both map to one kind; the filter sends labels', async () => {
    const { agentId } = agentWithHistory();
    const internal = await client.getAgentCostSeries(agentId, range(5));
    assert.equal(internal.labels.length, 7);
    assert.deepEqual(internal.usage.map((u) => u.kind), ['serverTime', 'exportCpm', 'exportGb', 'agentInputs', 'proxyData']);
    sim.control.setVariants({ billingTypeNames: 'labels' });
    const labelled = await client.getAgentCostSeries(agentId, { ...range(5), usage: ['serverTime', 'proxyData'] });
    assert.deepEqual(labelled.usage.map((u) => [u.kind, u.type]), [['serverTime', 'Server Time'], ['proxyData', 'Proxy Data']]);
    assert.deepEqual(labelled.usage[0]?.data, internal.usage[0]?.data);
    const month = range(30);
    const costs = await client.listAgentCosts({ ...month, usage: ['serverTime'] });
    assert.equal(costs.agents[0]?.agentId, agentId);
    assert.equal(costs.agents[0]?.cost, (await client.getAgentCostSeries(agentId, { ...month, usage: ['serverTime'] })).totalCost);
  });

  test('records summary of one agent', async () => {
    const { agentId } = agentWithHistory(6);
    const summary = await client.getRecordsSummary({ ...range(30), agentId });
    assert.equal(summary.runCount, 6);
    assert.ok(summary.totalRecordsExtracted > summary.totalRecordsExported);
  });
});

suite('billing wire: usage type names', () => {
  test('labels, internal names and odd spellings map to one kind; unknown stays unknown', () => {
    assert.equal(usageKindOf('Server Time'), 'serverTime');
    assert.equal(usageKindOf('RunUsage'), 'serverTime');
    assert.equal(usageKindOf('export_data_cpm'), 'exportCpm');
    assert.equal(usageKindOf('AgentBuilder'), 'agentBuilder');
    assert.equal(usageKindOf('Gold'), undefined);
    assert.equal(usageFilter(['serverTime', 'agentBuilder', 'exportGb']), 'Server Time,Export GB');
  });
});
