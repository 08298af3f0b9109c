import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../simulator/index';
import { call, type Json, useFastSimulator } from '../../support/simulatorCalls';

async function ctl(sim: Simulator, op: string, ...args: unknown[]): Promise<Json> {
  const res = await fetch(`${sim.baseUrl}/__control/${op}`, { method: 'POST', body: JSON.stringify(args) });
  assert.equal(res.status, 200, `control ${op}`);
  return (await res.json()) as Json;
}

suite('simulator: control over HTTP and seeds', () => {
  let sim: Simulator;
  useFastSimulator((started) => (sim = started));

  test('the same operations work over /__control without an API key', async () => {
    const info = (await (await fetch(`${sim.baseUrl}/__control/info`)).json()) as Json;
    assert.deepEqual(info, { baseUrl: sim.baseUrl, fileStoreUrl: sim.fileStoreUrl });
    const agent = await ctl(sim, 'addAgent', { name: 'From another process', spaceId: 1 });
    assert.equal((await call(sim, `/api/v1/agent/${agent.id}`)).json.name, 'From another process');
    await ctl(sim, 'setFault', { route: 'GET spaces', kind: 'status', status: 500, times: 1 });
    assert.equal((await call(sim, '/api/v1/spaces')).status, 500);
    await ctl(sim, 'setVariants', { enumNames: true });
    assert.equal(typeof (await call(sim, '/api/v1/agent/1001')).json.status, 'string');
    const counters = (await (await fetch(`${sim.baseUrl}/__control/counters`)).json()) as Json;
    assert.equal(counters.requestsPerKey[sim.apiKey], 3);
    assert.equal(counters.faultsInjected.status, 1);
    await ctl(sim, 'reset');
    assert.deepEqual((await ctl(sim, 'counters')).requestsPerKey, {});
    assert.equal(typeof (await call(sim, '/api/v1/agent/1001')).json.status, 'number');
    const unknown = await fetch(`${sim.baseUrl}/__control/rmrf`, { method: 'POST' });
    assert.equal(unknown.status, 404);
  });

  test('runs and files can be added for tests', async () => {
    const run = await ctl(sim, 'addRun', 1002, { status: 8 });
    assert.equal(run.statusName, 'Stopped');
    const file = await ctl(sim, 'addFile', 1002, run.id, { name: 'notes.txt', kind: 'log', content: 'hello' });
    const redirect = await call(sim, `/api/v1/agent/1002/run/${run.id}/file/${file.id}/download`);
    assert.equal(await (await fetch(redirect.headers.get('location') ?? '')).text(), 'hello');
    const live = await ctl(sim, 'addRun', 1001);
    assert.equal(live.status, 4);
    await ctl(sim, 'advanceClock', 1000);
    assert.equal(sim.control.getRun(live.id)?.status, 10);
  });

  test('the generator builds 50 spaces × 10,000 agents deterministically', async () => {
    sim.control.reset({ spaces: 50, agents: 10_000 });
    const page = (await call(sim, '/api/v1/agent/all?pageIndex=100&recordsPerPage=100')).json;
    assert.equal(page.totalRecordCount, 10_000);
    assert.equal(page.agents.length, 100);
    assert.equal((await call(sim, '/api/v1/spaces')).json.length, 50);
    const names = (await call(sim, '/api/v1/agent/search?query=00042')).json.map((a) => a.name);
    const other = await startSimulator({ seed: { spaces: 50, agents: 10_000 } });
    try {
      const again = (await call(other, '/api/v1/agent/search?query=00042')).json.map((a) => a.name);
      assert.deepEqual(again, names);
      assert.equal(names.length, 1);
    } finally {
      await other.close();
    }
  });
});
