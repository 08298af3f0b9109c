import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../simulator/index';
import { generateRunHistory } from '../../../simulator/runHistory';
import { call, useFastSimulator, type Json } from '../../support/simulatorCalls';

const DAY = 86_400_000;

suite('simulator: billing B1–B6 and records summary N2', () => {
  let sim: Simulator;
  useFastSimulator((started) => (sim = started));

  /** An agent with a 20-day history ending an hour ago; returns its id and run ids. */
  function agentWithHistory(name = 'Billed'): { agentId: number; runIds: number[] } {
    const agentId = sim.control.addAgent({ name, spaceId: 1 }).id;
    const { runIds } = sim.control.addRunHistory(agentId, { runs: 20, seed: 7 });
    return { agentId, runIds };
  }
  const range = (days: number): string => `startDate=${new Date(Date.now() - days * DAY).toISOString()}&endDate=${new Date(Date.now() + DAY).toISOString()}`;
  const sum = (values: number[]): number => Math.round(values.reduce((a, b) => a + b, 0) * 10_000) / 10_000;

  test('B6: one row per finished run with a deterministic cost; totalCost is the sum of this page only', async () => {
    const { agentId, runIds } = agentWithHistory();
    const all = await call(sim, `/api/v1/billing/agents/${agentId}/runs?${range(30)}&recordsPerPage=100`);
    assert.equal(all.status, 200);
    const runs = all.json.runs as Json;
    assert.equal(all.json.totalRecordCount, 20);
    assert.deepEqual(runs.map((r) => r.runId), [...runIds].reverse(), 'newest first by default');
    assert.ok(runs.every((r) => typeof r.cost === 'number' && (r.cost) > 0));
    const page = await call(sim, `/api/v1/billing/agents/${agentId}/runs?${range(30)}&recordsPerPage=5&pageIndex=2`);
    assert.equal(page.json.totalRecordCount, 20);
    assert.equal(page.json.totalCost, sum((page.json.runs as Json).map((r) => r.cost as number)));
    assert.ok((page.json.totalCost) < (all.json.totalCost as number));
    const again = await call(sim, `/api/v1/billing/agents/${agentId}/runs?${range(30)}&recordsPerPage=100`);
    assert.deepEqual(again.json, all.json, 'the same history costs the same');
    const byCost = await call(sim, `/api/v1/billing/agents/${agentId}/runs?${range(30)}&recordsPerPage=100&sortColumn=cost&sortOrder=0`);
    const costs = (byCost.json.runs as Json).map((r) => r.cost as number);
    assert.deepEqual(costs, [...costs].sort((a, b) => a - b));
  });

  test('B4–B6 need both dates (400 without them, as the API docs say); B2 defaults to this week', async () => {
    // Only this agent's runs: the demo seed's runs would land in this week on some days and not on others.
    sim.control.reset('empty');
    const { agentId } = agentWithHistory();
    for (const path of ['billing/agents', `billing/agents/${agentId}`, `billing/agents/${agentId}/runs`]) {
      const answer = await call(sim, `/api/v1/${path}?startDate=2026-01-01`);
      assert.equal(answer.status, 400, path);
    }
    const week = await call(sim, '/api/v1/billing/spending');
    assert.equal(week.status, 200);
    const start = new Date(week.json.startDate as string);
    assert.equal(start.getUTCDay(), 1, 'Monday');
    assert.equal(start.getUTCHours(), 0);
    const costs = await call(sim, `/api/v1/billing/agents/${agentId}/runs?startDate=${start.toISOString()}&endDate=${new Date(Date.now() + DAY).toISOString()}&recordsPerPage=100`);
    assert.equal(week.json.totalSpent, sum((costs.json.runs as Json).map((r) => r.cost as number)));
  });

  test('B1 is the grant minus every finished run; B3 books it as Initial + daily Debits', async () => {
    sim.control.reset('empty');
    const { agentId } = agentWithHistory();
    sim.control.setCreditGrant(1000);
    const all = await call(sim, `/api/v1/billing/agents/${agentId}/runs?${range(400)}&recordsPerPage=100`);
    const credits = await call(sim, '/api/v1/billing/credits');
    assert.equal(credits.json.availableCredits, Math.round((1000 - (all.json.totalCost as number)) * 10_000) / 10_000);
    const history = await call(sim, '/api/v1/billing/history?pageIndex=1&recordsPerPage=100');
    const rows = history.json.transactions as Json;
    assert.equal(rows.at(-1)?.transactionType, 'Initial');
    assert.equal(rows[0]?.balance, credits.json.availableCredits);
    assert.equal(history.json.totalCount, rows.length);
    assert.equal((await call(sim, '/api/v1/billing/history?recordsPerPage=101')).status, 400);
  });

  test('a key without billing access gets 403 insufficient_scope on every billing route', async () => {
    sim.control.setBillingAccess(sim.apiKey, false);
    for (const path of ['credits', 'spending', 'history', `agents?${range(2)}`, `agents/1001?${range(2)}`, `agents/1001/runs?${range(2)}`]) {
      const answer = await call(sim, `/api/v1/billing/${path}`);
      assert.equal(answer.status, 403, path);
      assert.equal(answer.json.errorCode, 'insufficient_scope');
    }
    assert.equal((await call(sim, '/api/v1/agent/all')).status, 200, 'the rest still works');
    sim.control.setBillingAccess(sim.apiKey, true);
    assert.equal((await call(sim, '/api/v1/billing/credits')).status, 200);
  });

  test('B4 filters by usage-type labels, sorts by cost, pages; B5 answers with the internal type names (or labels, as a variant)', async () => {
    const a = agentWithHistory('Alpha').agentId;
    const b = agentWithHistory('Beta').agentId;
    const both = await call(sim, `/api/v1/billing/agents?${range(30)}&sortColumn=cost&sortOrder=1&name=a`);
    const rows = (both.json.agents).filter((r) => r.agentId === a || r.agentId === b);
    assert.equal(rows.length, 2);
    const serverOnly = await call(sim, `/api/v1/billing/agents?${range(30)}&usageTypes=Server%20Time&name=Alpha`);
    const alpha = (serverOnly.json.agents)[0];
    assert.ok(alpha && (alpha.cost as number) < (rows.find((r) => r.agentId === a)?.cost as number));
    assert.equal((await call(sim, `/api/v1/billing/agents?${range(30)}&usageTypes=Gold`)).status, 400);
    const perDay = await call(sim, `/api/v1/billing/agents/${a}?${range(10)}&timeUnit=day`);
    assert.equal((perDay.json.labels as string[]).length, 12);
    const types = (perDay.json.usageTypes as Json).map((u) => u.type);
    assert.deepEqual(types, ['RunUsage', 'ExportDataCpm', 'ExportDataBandwidth', 'InputCount', 'ProxyUsage']);
    const serverTime = (perDay.json.usageTypes as Json)[0];
    assert.equal(serverTime?.totalCost, sum(serverTime?.data as number[]));
    sim.control.setVariants({ billingTypeNames: 'labels', pascalCase: true });
    const labelled = await call(sim, `/api/v1/billing/agents/${a}?${range(10)}&usageTypes=Server%20Time,Export%20CPM`);
    assert.deepEqual((labelled.json.UsageTypes as Json).map((u) => u.Type), ['Server Time', 'Export CPM']);
  });

  test('N2 sums records, exports, errors and page loads of the runs that ended in the range', async () => {
    const { agentId } = agentWithHistory();
    const history = (await call(sim, `/api/v1/agent/${agentId}/runs?maxRecords=100`)).json;
    const summary = await call(sim, `/api/v1/analytics/records/summary?${range(30)}&agentId=${agentId}`);
    assert.equal(summary.json.runCount, 20);
    assert.equal(summary.json.totalRecordsExtracted, history.reduce((s, h) => s + h.dataCount, 0));
    assert.equal(summary.json.totalErrors, history.reduce((s, h) => s + (h.errorCount as number), 0));
    assert.equal(summary.json.agentId, agentId);
  });
});

suite('simulator: generated run histories', () => {
  test('deterministic, weekly seasonality and growth, breakage from the chosen run on', () => {
    const end = Date.parse('2026-11-30T06:00:00Z');
    const a = generateRunHistory({ runs: 120, seed: 3 }, end);
    assert.deepEqual(generateRunHistory({ runs: 120, seed: 3 }, end), a);
    const weekend = a.filter((r) => [0, 6].includes(new Date(r.createdAt).getUTCDay()));
    const weekday = a.filter((r) => ![0, 6].includes(new Date(r.createdAt).getUTCDay()));
    const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    assert.ok(mean(weekend.map((r) => r.records)) < 0.8 * mean(weekday.map((r) => r.records)));
    assert.ok(mean(weekday.slice(-20).map((r) => r.records)) > 1.1 * mean(weekday.slice(0, 20).map((r) => r.records)), 'slow growth');
    const zero = generateRunHistory({ runs: 30, seed: 3, breakage: { kind: 'zeroRecords', fromRun: 25 } }, end);
    assert.deepEqual(zero.map((r) => r.broken).lastIndexOf(false), 24);
    assert.ok(zero.slice(25).every((r) => r.records === 0 && r.status === 10));
    const spike = generateRunHistory({ runs: 30, seed: 3, breakage: { kind: 'errorSpike', fromRun: 29 } }, end);
    assert.ok((spike[29]?.errors ?? 0) >= 10);
    const drop = generateRunHistory({ runs: 30, seed: 3, breakage: { kind: 'recordsDrop', fromRun: 29 } }, end);
    const normal = generateRunHistory({ runs: 30, seed: 3 }, end);
    assert.equal(drop[29]?.records, Math.round((normal[29]?.records ?? 0) * 0.2));
  });
});
