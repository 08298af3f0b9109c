import * as assert from 'node:assert/strict';
import type { SequentumClient } from '../../../../src/core/api/client';
import { MalformedResponseError } from '../../../../src/core/api/errors';
import type { Simulator } from '../../../../simulator/index';
import { useEmptySimulator } from '../../../support/simTree';

const RANGE = { startDate: '2026-11-01T00:00:00.000Z', endDate: '2026-11-08T00:00:00.000Z' };
/** 400 digits: valid JSON and a plain decimal string, but Infinity once it is a double. */
const HUGE_DIGITS = `1${'0'.repeat(400)}`;

type Call = (client: SequentumClient) => Promise<unknown>;
const credits: Call = (c) => c.getCredits();
const spending: Call = (c) => c.getSpending(RANGE);
const series: Call = (c) => c.getAgentCostSeries(1, RANGE);
const runCosts: Call = (c) => c.listRunCosts(1, RANGE);
const agentCosts: Call = (c) => c.listAgentCosts(RANGE);

const seriesBody = (data: string): string => `{"labels":["2026-11-01","2026-11-02","2026-11-03"],"usageTypes":[{"type":"RunUsage","data":${data}}]}`;

/** Billing answers whose numbers are not numbers: each must be a typed wire error naming the field, never Infinity or a made-up 0. */
const HOSTILE: Array<{ name: string; route: string; body: string; call: Call; field: RegExp }> = [
  { name: 'B1 credits as 1e400 (JSON makes it Infinity)', route: 'GET billing/credits', body: '{"availableCredits":1e400}', call: credits, field: /availableCredits/ },
  { name: 'B1 credits as a 400-digit string', route: 'GET billing/credits', body: `{"availableCredits":"${HUGE_DIGITS}"}`, call: credits, field: /availableCredits/ },
  { name: 'B1 credits as a word', route: 'GET billing/credits', body: '{"availableCredits":"lots"}', call: credits, field: /availableCredits/ },
  { name: 'B2 spent as -1e400', route: 'GET billing/spending', body: '{"totalSpent":-1e400}', call: spending, field: /totalSpent/ },
  { name: 'B5 a day cost that is a word', route: 'GET billing/agents/{agentId}', body: seriesBody('[1.5,"abc",2]'), call: series, field: /data\[1\]/ },
  { name: 'B5 a day cost of 1e400', route: 'GET billing/agents/{agentId}', body: seriesBody('[1.5,1e400,2]'), call: series, field: /data\[1\]/ },
  { name: 'B5 a day cost as a 400-digit string', route: 'GET billing/agents/{agentId}', body: seriesBody(`[1.5,2,"${HUGE_DIGITS}"]`), call: series, field: /data\[2\]/ },
  { name: 'B5 a day cost that is an object', route: 'GET billing/agents/{agentId}', body: seriesBody('[{"$ne":1},2,3]'), call: series, field: /data\[0\]/ },
  { name: 'B5 a day cost that is true (Number(true) would be 1)', route: 'GET billing/agents/{agentId}', body: seriesBody('[true,2,3]'), call: series, field: /data\[0\]/ },
  { name: 'B5 a day cost that is a list (Number([5]) would be 5)', route: 'GET billing/agents/{agentId}', body: seriesBody('[[5],2,3]'), call: series, field: /data\[0\]/ },
  { name: 'B5 a day label that is an object', route: 'GET billing/agents/{agentId}', body: '{"labels":[{"d":1}],"usageTypes":[]}', call: series, field: /labels\[0\]/ },
  { name: 'B6 a run cost of 1e400', route: 'GET billing/agents/{agentId}/runs', body: '{"runs":[{"runId":1,"cost":1e400}]}', call: runCosts, field: /cost/ },
  { name: 'B4 an agent cost as a word', route: 'GET billing/agents', body: '{"agents":[{"agentId":1,"cost":"NaN"}]}', call: agentCosts, field: /cost/ },
];

suite('billing wire: hostile numbers through the real client and simulator', () => {
  let sim: Simulator;
  let client: SequentumClient;
  useEmptySimulator(1000, (s, c) => {
    sim = s;
    client = c;
  });

  for (const c of HOSTILE) {
    test(c.name, async () => {
      sim.control.setFault({ route: c.route, kind: 'hostile', status: 200, contentType: 'application/json', body: c.body });
      const error = await c.call(client).then((value) => value, (thrown: unknown) => thrown);
      assert.ok(MalformedResponseError.is(error), `expected a wire error, got ${JSON.stringify(error)}`);
      assert.match(error.message, c.field);
    });
  }

  test('a short or null-padded day series is aligned with zeros, numeric strings are read; extra days dropped', async () => {
    sim.control.setFault({ route: 'GET billing/agents/{agentId}', kind: 'hostile', status: 200, contentType: 'application/json', body: seriesBody('[null,"2.5"]') });
    const short = await client.getAgentCostSeries(1, RANGE);
    assert.deepEqual(short.usage[0]?.data, [0, 2.5, 0]);
    sim.control.reset('empty');
    sim.control.setFault({ route: 'GET billing/agents/{agentId}', kind: 'hostile', status: 200, contentType: 'application/json', body: seriesBody('[1,2,3,4,5]') });
    assert.deepEqual((await client.getAgentCostSeries(1, RANGE)).usage[0]?.data, [1, 2, 3]);
  });

  test('the same 400-digit string is a wire error in a runs list too (one reader for every endpoint)', async () => {
    sim.control.setFault({ route: 'GET agent/{agentId}/runs', kind: 'hostile', status: 200, contentType: 'application/json', body: `[{"id":1,"agentId":1,"status":5,"dataCount":"${HUGE_DIGITS}"}]` });
    const error = await client.listRuns(1, 5).then((value) => value, (thrown: unknown) => thrown);
    assert.ok(MalformedResponseError.is(error), String(error));
    assert.match(error.message, /dataCount/);
  });
});
