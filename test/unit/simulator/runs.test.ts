import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../simulator/index';
import { call, post } from '../../support/simulatorCalls';

const statusOf = async (sim: Simulator, agentId: number, runId: number): Promise<number> =>
  (await call(sim, `/api/v1/agent/${agentId}/run/${runId}/status`)).json.status;

suite('simulator: runs and the state machine', () => {
  let sim: Simulator;
  let agentId: number;
  // timeScale 1 and a manual clock: the run only moves when the test advances it (no timing asserts).
  suiteSetup(async () => {
    sim = await startSimulator({ timeScale: 1, seed: 'empty' });
  });
  suiteTeardown(() => sim.close());
  setup(() => {
    sim.control.reset('empty');
    agentId = sim.control.addAgent({ name: 'Books', inputParameters: { url: 'https://books.example.com', maxPages: '10' }, durationSec: 100 }).id;
  });

  test('async start returns the run object (202 + Location, or 200) and walks 4 → 3 → 1 → 2 → 10', async () => {
    const started = await post(sim, `/api/v1/agent/${agentId}/start`, {});
    assert.equal(started.status, 202);
    assert.equal(started.json.status, 4);
    assert.equal(started.json.configId, agentId);
    assert.equal(started.headers.get('location'), `/api/v1/agent/${agentId}/run/${started.json.id}/status`);
    const seen = [started.json.status];
    for (let i = 0; i < 12; i++) {
      sim.control.advanceClock(10_000);
      const s = await statusOf(sim, agentId, started.json.id);
      if (s !== seen[seen.length - 1]) seen.push(s);
    }
    assert.deepEqual(seen, [4, 3, 1, 2, 10]);
    const run = (await call(sim, `/api/v1/agent/${agentId}/run/${started.json.id}/status`)).json;
    assert.equal(run.tableType, 'history');
    assert.ok(run.dataCount > 0 && run.endTime !== null);
    sim.control.setStartStatus(200);
    assert.equal((await post(sim, `/api/v1/agent/${agentId}/start`)).status, 200);
    assert.deepEqual(sim.control.counters().runsCreatedPerAgent, { [agentId]: 2 });
  });

  test('agents without success criteria complete (9); failing agents fail (6) with diagnostics', async () => {
    const completes = sim.control.addAgent({ name: 'No criteria', behaviour: 'completed' }).id;
    const fails = sim.control.addAgent({ name: 'Broken', behaviour: 'failure' }).id;
    const a = (await post(sim, `/api/v1/agent/${completes}/start`)).json.id;
    const b = (await post(sim, `/api/v1/agent/${fails}/start`)).json.id;
    sim.control.advanceClock(10 * 60_000);
    assert.equal(await statusOf(sim, completes, a), 9);
    const failed = (await call(sim, `/api/v1/agent/${fails}/run/${b}/status`)).json;
    assert.equal(failed.status, 6);
    assert.equal(failed.tableType, 'run', 'Failure stays in the active table');
    const diag = (await call(sim, `/api/v1/analytics/agents/${fails}/runs/${b}/diagnostics`)).json;
    assert.ok(diag.errorMessage && diag.possibleCauses.length > 0);
    const files = (await call(sim, `/api/v1/agent/${fails}/run/${b}/files`)).json.map((f) => f.name);
    assert.ok(files.includes('run.log'));
    assert.equal((await call(sim, `/api/v1/agent/${agentId}/runs`)).json.length, 0);
  });

  test('stop → Stopping (5) → Stopped (8); kill twice while stopping = immediate; stop of a finished run is 409', async () => {
    const endless = sim.control.addAgent({ name: 'Endless', behaviour: 'endless' }).id;
    const run = (await post(sim, `/api/v1/agent/${endless}/start`)).json.id;
    sim.control.advanceClock(50_000);
    assert.equal(await statusOf(sim, endless, run), 1);
    assert.equal((await post(sim, `/api/v1/agent/${endless}/run/${run}/stop`)).status, 200);
    assert.equal(await statusOf(sim, endless, run), 5);
    sim.control.advanceClock(60_000);
    assert.equal(await statusOf(sim, endless, run), 8);
    assert.equal((await post(sim, `/api/v1/agent/${endless}/run/${run}/stop`)).status, 409);

    const second = (await post(sim, `/api/v1/agent/${endless}/start`)).json.id;
    sim.control.advanceClock(50_000);
    await post(sim, `/api/v1/agent/${endless}/run/${second}/kill`);
    assert.equal(await statusOf(sim, endless, second), 5, 'first kill = graceful stop');
    await post(sim, `/api/v1/agent/${endless}/run/${second}/kill`);
    assert.equal(await statusOf(sim, endless, second), 8, 'second kill ends it at once');
    assert.equal((await call(sim, `/api/v1/agent/${endless}/run/999/status`)).json.type, 'https://docs.sequentum.com/errors/run-not-found');
  });

  test('an exclusive agent refuses a second run while one is in flight (409), then accepts', async () => {
    const exclusive = sim.control.addAgent({ name: 'Exclusive', isExclusive: true }).id;
    assert.equal((await post(sim, `/api/v1/agent/${exclusive}/start`)).status, 202);
    const conflict = await post(sim, `/api/v1/agent/${exclusive}/start`);
    assert.equal(conflict.status, 409);
    assert.equal(conflict.json.type, 'https://docs.sequentum.com/errors/agent-already-running');
    sim.control.advanceClock(10 * 60_000);
    assert.equal((await post(sim, `/api/v1/agent/${exclusive}/start`)).status, 202);
    assert.deepEqual(sim.control.counters().startPostsPerAgent, { [exclusive]: 3 });
    assert.deepEqual(sim.control.counters().runsCreatedPerAgent, { [exclusive]: 2 });
  });

  test('inputParameters as JSON text or object; PascalCase body accepted', async () => {
    for (const body of [{ inputParameters: '{"url":"https://x.example.com","maxPages":"3"}' }, { InputParameters: { maxPages: 4 } }]) {
      assert.equal((await post(sim, `/api/v1/agent/${agentId}/start`, body)).status, 202);
    }
    assert.equal((await post(sim, '/api/v1/agent/4711/start')).json.type, 'https://docs.sequentum.com/errors/agent-not-found');
  });

  test('bad option values: ASP.NET errors map by default, RFC 9457 errors list with pointers when switched', async () => {
    const bad = { inputParameters: '{"url":"not a url","colour":"red"}', parallelism: 99, logLevel: 'Verbose', isExclusive: 'yes' };
    const aspnet = await post(sim, `/api/v1/agent/${agentId}/start`, bad);
    assert.equal(aspnet.status, 400);
    assert.deepEqual(Object.keys(aspnet.json.errors).sort(), ['InputParameters.colour', 'InputParameters.url', 'IsExclusive', 'LogLevel', 'Parallelism']);
    assert.ok(Array.isArray(aspnet.json.errors['InputParameters.url']));
    sim.control.setValidationStyle('rfc9457');
    const rfc = await post(sim, `/api/v1/agent/${agentId}/start`, bad);
    assert.equal(rfc.json.type, 'https://docs.sequentum.com/errors/validation-failed');
    assert.ok(rfc.json.errors.some((e) => e.pointer === '#/inputParameters/url' && typeof e.detail === 'string'));
    assert.equal((await post(sim, `/api/v1/agent/${agentId}/start`, { inputParameters: '{broken' })).status, 400);
    assert.equal((await call(sim, `/api/v1/agent/${agentId}/start`, { method: 'POST', body: '[1]' })).status, 400);
    assert.equal(sim.control.counters().runsCreatedPerAgent[agentId], undefined);
  });

  test('a synchronous run answers with the records inline once finished', async () => {
    sim.control.setTimeScale(1000);
    const quick = sim.control.addAgent({ name: 'Quick', durationSec: 20 }).id;
    const res = await post(sim, `/api/v1/agent/${quick}/start`, { isRunSynchronously: true, timeout: 600 });
    assert.equal(res.status, 200);
    assert.ok(Array.isArray(res.json) && res.json.length > 0 && 'title' in res.json[0]);
  });
});
