import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../simulator/index';
import { call, post, useFastSimulator } from '../../support/simulatorCalls';

suite('simulator: fault injection', () => {
  let sim: Simulator;
  useFastSimulator((started) => (sim = started));

  test('scripted 5xx on one route only, for the next N requests', async () => {
    sim.control.setFault({ route: 'GET agent/{agentId}', kind: 'status', status: 503, times: 2 });
    assert.equal((await call(sim, '/api/v1/agent/1001')).status, 503);
    assert.equal((await call(sim, '/api/v1/spaces')).status, 200, 'other routes unaffected');
    const second = await call(sim, '/api/v1/agent/1002');
    assert.equal(second.status, 503);
    assert.equal(second.json.status, 503);
    assert.equal((await call(sim, '/api/v1/agent/1001')).status, 200, 'script used up');
    sim.control.setFault({ route: '*', kind: 'status', status: 502, shape: 'html', times: 1 });
    const html = await call(sim, '/api/v1/spaces');
    assert.equal(html.status, 502);
    assert.match(html.text, /<html>/);
  });

  test('429 storm with Retry-After, counted per key', async () => {
    sim.control.setFault({ route: '*', kind: 'rateLimit', retryAfterSeconds: 2, times: 3 });
    const answers = await Promise.all([1, 2, 3].map(() => call(sim, '/api/v1/spaces')));
    assert.deepEqual(answers.map((a) => [a.status, a.headers.get('retry-after')]), [[429, '2'], [429, '2'], [429, '2']]);
    assert.equal(sim.control.counters().rateLimitedPerKey[sim.apiKey], 3);
  });

  test('latency delays the answer; a client timeout shorter than it aborts', async () => {
    sim.control.setFault({ route: '*', kind: 'latency', latencyMs: 400, times: 2 });
    await assert.rejects(call(sim, '/api/v1/spaces', { signal: AbortSignal.timeout(40) }), { name: 'TimeoutError' });
    assert.equal((await call(sim, '/api/v1/spaces')).status, 200);
  });

  test('hang never answers until the client gives up', async () => {
    sim.control.setFault({ route: 'GET spaces', kind: 'hang', times: 1 });
    await assert.rejects(call(sim, '/api/v1/spaces', { signal: AbortSignal.timeout(100) }), { name: 'TimeoutError' });
    assert.equal((await call(sim, '/api/v1/spaces')).status, 200);
  });

  test('connection reset and truncated body', async () => {
    sim.control.setFault({ route: '*', kind: 'reset', times: 1 });
    await assert.rejects(call(sim, '/api/v1/spaces'), TypeError);
    sim.control.setFault({ route: '*', kind: 'truncate', times: 1 });
    await assert.rejects(call(sim, '/api/v1/agent/all'));
    assert.equal(sim.control.counters().faultsInjected.reset, 1);
    assert.equal(sim.control.counters().faultsInjected.truncate, 1);
  });

  test('commit-then-drop on POST start: the run exists, the answer is lost', async () => {
    sim.control.setFault({ route: 'POST agent/{agentId}/start', kind: 'commitThenDrop', times: 1 });
    await assert.rejects(post(sim, '/api/v1/agent/1001/start'), TypeError);
    const counters = sim.control.counters();
    assert.equal(counters.runsCreatedPerAgent['1001'], 1);
    assert.equal(counters.startPostsPerAgent['1001'], 1);
    const runs = (await call(sim, '/api/v1/agent/1001/runs?maxRecords=1')).json;
    assert.ok([4, 3, 1, 2, 10].includes(runs[0].status));
    assert.equal(Date.parse(runs[0].created) > Date.now() - 60_000, true, 'the newest run is the dropped one');
  });

  test('hostile bodies are served in order, raw', async () => {
    const bodies = Array.from({ length: 30 }, (_, i) => ({ status: i % 2 ? 200 : 500, contentType: 'application/json', body: `{"agents": [${'{'.repeat(i)}` }));
    sim.control.setHostileBodies('GET agent/all', bodies);
    for (let i = 0; i < 30; i++) {
      const res = await call(sim, '/api/v1/agent/all');
      assert.equal(res.status, bodies[i]?.status);
      assert.equal(res.text, bodies[i]?.body);
    }
    assert.equal((await call(sim, '/api/v1/agent/all')).status, 200);
    sim.control.setFault({ route: '*', kind: 'hostile', bodyBase64: Buffer.from([0xff, 0xfe, 0x00]).toString('base64'), times: 1 });
    const bin = await fetch(`${sim.baseUrl}/api/v1/spaces`, { headers: { Authorization: `ApiKey ${sim.apiKey}` } });
    assert.deepEqual([...new Uint8Array(await bin.arrayBuffer())], [0xff, 0xfe, 0x00]);
  });

  test('rate-based faults are reproducible with the same seed', async () => {
    const pattern = async (): Promise<number[]> => {
      sim.control.clearFaults(42);
      sim.control.setFault({ route: 'GET spaces', kind: 'status', status: 500, rate: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await call(sim, '/api/v1/spaces')).status);
      return statuses;
    };
    const first = await pattern();
    assert.deepEqual(await pattern(), first);
    assert.ok(first.includes(500) && first.includes(200));
  });
});
