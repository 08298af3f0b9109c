import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../simulator/index';
import { call, useFastSimulator } from '../../support/simulatorCalls';

suite('simulator: wire variants and error shapes', () => {
  let sim: Simulator;
  useFastSimulator((started) => (sim = started));

  test('enum names instead of integers', async () => {
    sim.control.setVariants({ enumNames: true });
    const run = (await call(sim, '/api/v1/agent/1001/runs')).json[0];
    assert.equal(run.status, 'Success');
    const agent = (await call(sim, '/api/v1/agent/1001')).json;
    assert.equal(agent.configType, 'Agent');
    assert.equal(agent.validationStatus, 'Valid');
    const file = (await call(sim, `/api/v1/agent/1001/run/${run.id}/files`)).json[0];
    assert.equal(typeof file.fileType, 'string');
  });

  test('PascalCase properties (user parameter names untouched) and the items envelope', async () => {
    sim.control.setVariants({ pascalCase: true, envelope: 'items' });
    const page = (await call(sim, '/api/v1/agent/all?pageIndex=1&recordsPerPage=5')).json;
    assert.equal(page.Items.length, 5);
    assert.equal(typeof page.TotalRecordCount, 'number');
    const agent = (await call(sim, '/api/v1/agent/1001')).json;
    assert.equal(agent.Id, 1001);
    assert.deepEqual(Object.keys(agent.InputParameters), ['url', 'maxPages']);
    sim.control.setVariants({ pascalCase: false });
    assert.ok(Array.isArray((await call(sim, '/api/v1/agent/all?pageIndex=1&recordsPerPage=5')).json.items));
  });

  test('optional fields missing', async () => {
    sim.control.setVariants({ omitOptional: true });
    const agent = (await call(sim, '/api/v1/agent/1001')).json;
    assert.equal('description' in agent, false);
    assert.equal('lastActivity' in agent, false);
    assert.ok('id' in agent && 'name' in agent && 'status' in agent);
    const run = (await call(sim, '/api/v1/agent/1001/runs')).json[0];
    assert.equal('endTime' in run, false);
    assert.ok('status' in run && 'id' in run);
  });

  test('zone-less timestamps; runs that carry their inputs and who started them', async () => {
    sim.control.setVariants({ zonelessTimes: true, runInputs: true });
    // A run this test starts itself: the demo seed's newest runs of 1001 were started by a schedule or a teammate.
    const started = (await call(sim, '/api/v1/agent/1001/start', { method: 'POST', body: '{}' })).json as { id: number };
    const runs = (await call(sim, '/api/v1/agent/1001/runs')).json as Array<Record<string, unknown>>;
    const run = runs.find((candidate) => candidate.id === started.id);
    assert.ok(run, `run ${started.id} is listed`);
    assert.match(String(run.created), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/, 'no Z');
    assert.equal(typeof run.inputParameters, 'string', 'JSON text, as schedules carry it');
    assert.equal(run.startedBy, 'api');
    assert.ok(runs.some((candidate) => candidate.startedBy === 'schedule'), 'a scheduled run of the seed says so');
  });

  test('a foreign start: by control, and in the same instant as a POST start (before or after it)', async () => {
    sim.control.setVariants({ runInputs: true });
    const agentId = sim.control.addAgent({ name: 'Shared', behaviour: 'endless', inputParameters: { url: 'https://d.example' } }).id;
    const nightly = sim.control.foreignStart(agentId, { by: 'schedule', inputParameters: { url: 'https://n.example' }, parallelism: 2 });
    sim.control.setFault({ route: 'POST agent/{agentId}/start', kind: 'reset', times: 1, foreignStart: { by: 'teammate', when: 'before' } });
    await call(sim, `/api/v1/agent/${agentId}/start`, { method: 'POST', body: '{}' }).catch(() => undefined);
    const runs = (await call(sim, `/api/v1/agent/${agentId}/runs`)).json;
    assert.deepEqual(runs.map((r) => [r.id, r.startedBy]), [[nightly.id + 1, 'teammate'], [nightly.id, 'schedule']], 'the reset request created nothing; the teammate\'s run exists');
    assert.equal((JSON.parse(runs[1].inputParameters as unknown as string) as { url: string }).url, 'https://n.example');
    assert.equal(runs[1].parallelism, 2);
    assert.equal(sim.control.counters().runsCreatedPerAgent[String(agentId)], undefined, 'foreign runs are not POST starts');
  });

  test('error shapes: legacy, text, html, html502, empty — per route or for all', async () => {
    sim.control.setErrorShape('legacy', 'GET agent/{agentId}');
    const legacy = await call(sim, '/api/v1/agent/4711');
    assert.deepEqual(Object.keys(legacy.json).sort(), ['message', 'severity', 'statusCode', 'statusDescription']);
    assert.equal(legacy.json.statusCode, 404);
    assert.equal((await call(sim, '/api/v1/spaces/99')).json.type, 'https://docs.sequentum.com/errors/space-not-found', 'other routes keep RFC 7807');
    sim.control.setErrorShape('text');
    const text = await call(sim, '/api/v1/spaces/99');
    assert.match(text.headers.get('content-type') ?? '', /text\/plain/);
    assert.match(text.text, /No space with id 99/);
    sim.control.setErrorShape('html');
    assert.match((await call(sim, '/api/v1/spaces/99')).text, /<h1>404 Not Found<\/h1>/);
    sim.control.setErrorShape('html502');
    const gateway = await call(sim, '/api/v1/spaces/99');
    assert.equal(gateway.status, 502);
    assert.match(gateway.text, /502 Bad Gateway/);
    sim.control.setErrorShape('empty');
    const empty = await call(sim, '/api/v1/spaces/99');
    assert.equal(empty.status, 404);
    assert.equal(empty.text, '');
  });

  test('401 follows the configured shape too', async () => {
    sim.control.setErrorShape('legacy');
    const res = await call(sim, '/api/v1/spaces', { key: 'sk-nope-000000' });
    assert.equal(res.status, 401);
    assert.equal(res.json.statusDescription, 'Unauthorized');
  });
});
