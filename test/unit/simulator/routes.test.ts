import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../simulator/index';
import { call, useFastSimulator } from '../../support/simulatorCalls';

suite('simulator: routes, auth, files', () => {
  let sim: Simulator;
  useFastSimulator((started) => (sim = started));

  test('agent/all is a plain array without paging and an {agents, totalRecordCount} envelope with it', async () => {
    const plain = await call(sim, '/api/v1/agent/all');
    assert.equal(plain.status, 200);
    assert.ok(Array.isArray(plain.json) && plain.json.length >= 25);
    const page = await call(sim, '/api/v1/agent/all?pageIndex=2&recordsPerPage=10');
    assert.equal(page.json.totalRecordCount, plain.json.length);
    assert.equal(page.json.agents.length, 10);
    assert.deepEqual(page.json.agents.map((a) => a.id), plain.json.slice(10, 20).map((a) => a.id));
    const bad = await call(sim, '/api/v1/agent/all?pageIndex=0&recordsPerPage=10');
    assert.equal(bad.status, 400);
  });

  test('agent/all filters by name, spaceId and status and sorts both ways', async () => {
    const byName = await call(sim, '/api/v1/agent/all?name=ZILLOW');
    assert.deepEqual(byName.json.map((a) => a.name), ['Zillow Listings – Austin']);
    const bySpace = await call(sim, '/api/v1/agent/all?spaceId=5');
    assert.ok(bySpace.json.length > 0 && bySpace.json.every((a) => a.spaceId === 5));
    const failed = await call(sim, '/api/v1/agent/all?status=6');
    assert.ok(failed.json.length > 0 && failed.json.every((a) => a.status === 6));
    assert.equal((await call(sim, '/api/v1/agent/all?status=Failure')).json.length, failed.json.length);
    assert.equal((await call(sim, '/api/v1/agent/all?status=sometimes')).status, 400);
    const desc = await call(sim, '/api/v1/agent/all?sortColumn=name&sortOrder=1');
    const names = desc.json.map((a) => a.name.toLowerCase());
    assert.deepEqual(names, [...names].sort().reverse());
    const never = (await call(sim, '/api/v1/agent/all')).json.filter((a) => a.status === null);
    assert.ok(never.length > 0, 'some demo agents never ran');
  });

  test('agent/{id}, search and 404 problem details', async () => {
    const agent = await call(sim, '/api/v1/agent/1001');
    assert.equal(agent.json.id, 1001);
    assert.deepEqual(Object.keys(agent.json.inputParameters), ['url', 'maxPages']);
    const hits = await call(sim, '/api/v1/agent/search?query=hotel&maxRecords=2');
    assert.equal(hits.json.length, 2);
    const missing = await call(sim, '/api/v1/agent/4711');
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.equal(missing.json.type, 'https://docs.sequentum.com/errors/agent-not-found');
    assert.equal(missing.json.instance, '/api/v1/agent/4711');
    assert.equal((await call(sim, '/api/v1/agent/search')).status, 400);
  });

  test('spaces, one space, its agents; 403 for a space the key may not see', async () => {
    const spaces = await call(sim, '/api/v1/spaces');
    assert.equal(spaces.json.length, 5);
    assert.equal((await call(sim, '/api/v1/spaces/2')).json.name, 'Real Estate');
    const agents = await call(sim, '/api/v1/spaces/2/agents');
    assert.ok(agents.json.length > 0 && agents.json.every((a) => 'status' in a));
    sim.control.restrictSpace(sim.apiKey, 2);
    assert.equal((await call(sim, '/api/v1/spaces/2/agents')).status, 403);
    assert.equal((await call(sim, '/api/v1/spaces/2')).status, 403);
    assert.equal((await call(sim, `/api/v1/agent/${agents.json[0].id}`)).status, 403);
    const all = await call(sim, '/api/v1/agent/all');
    assert.ok(all.json.every((a) => a.spaceId !== 2), 'hidden from the list');
  });

  test('401 without a key or with a wrong key, with rate-limit headers', async () => {
    for (const key of [null, 'sk-wrong-0000']) {
      const res = await call(sim, '/api/v1/agent/all', { key });
      assert.equal(res.status, 401);
      assert.equal(res.json.type, 'https://docs.sequentum.com/errors/unauthorized');
      assert.equal(res.headers.get('x-ratelimit-limit'), '100');
      assert.equal(res.headers.get('x-ratelimit-window-seconds'), '60');
    }
    const lower = await fetch(`${sim.baseUrl}/api/v1/spaces`, { headers: { authorization: `apikey ${sim.apiKey}` } });
    assert.equal(lower.status, 200, 'scheme is case-insensitive');
  });

  test('runs list is newest first with tableType; diagnostics and latest failure', async () => {
    const failing = (await call(sim, '/api/v1/agent/all?status=6')).json[0];
    const runs = await call(sim, `/api/v1/agent/${failing.id}/runs?maxRecords=10`);
    assert.ok(runs.json.length >= 2);
    const created = runs.json.map((r) => Date.parse(r.created));
    assert.deepEqual(created, [...created].sort((a: number, b: number) => b - a));
    assert.equal(runs.json[0].status, 6);
    assert.equal(runs.json[0].tableType, 'run');
    assert.ok(runs.json.slice(1).every((r) => r.tableType === 'history'));
    assert.equal((await call(sim, `/api/v1/agent/${failing.id}/runs?maxRecords=1`)).json.length, 1);
    const diag = await call(sim, `/api/v1/analytics/agents/${failing.id}/runs/${runs.json[0].id}/diagnostics`);
    assert.equal(diag.json.runId, runs.json[0].id);
    assert.ok(diag.json.errorMessage.length > 0);
    assert.ok(diag.json.possibleCauses.length > 0 && diag.json.suggestedActions.length > 0);
    const latest = await call(sim, `/api/v1/analytics/agents/${failing.id}/latest-failure`);
    assert.equal(latest.json.runId, runs.json[0].id);
    assert.equal((await call(sim, '/api/v1/analytics/agents/1001/latest-failure')).status, 404);
  });

  test('download redirects (302) to a signed URL on another origin that never sees the key', async () => {
    const run = (await call(sim, '/api/v1/agent/1001/runs')).json[0];
    const files = (await call(sim, `/api/v1/agent/1001/run/${run.id}/files`)).json;
    assert.deepEqual(files.map((f) => f.name).sort(), ['data.csv', 'data.json', 'run.log', 'screenshot.png']);
    const png = files.find((f) => f.name === 'screenshot.png');
    assert.ok(png);
    const redirect = await call(sim, `/api/v1/agent/1001/run/${run.id}/file/${png.id}/download`);
    assert.equal(redirect.status, 302);
    const location = new URL(redirect.headers.get('location') ?? '');
    assert.equal(location.origin, sim.fileStoreUrl);
    assert.notEqual(location.origin, sim.baseUrl);
    const blob = await fetch(location);
    const bytes = Buffer.from(await blob.arrayBuffer());
    assert.equal(blob.headers.get('content-type'), 'image/png');
    assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    assert.equal(bytes.length, png.fileSize);
    assert.equal(sim.control.counters().fileStore.withAuthorization, 0);
    await fetch(location, { headers: { Authorization: 'ApiKey leaked' } });
    assert.equal(sim.control.counters().fileStore.withAuthorization, 1, 'the counter notices a leaked header');
    const tampered = new URL(location);
    tampered.searchParams.set('sig', '0'.repeat(64));
    assert.equal((await fetch(tampered)).status, 403);
    sim.control.setFileUrlExpiry(-1);
    const expired = await call(sim, `/api/v1/agent/1001/run/${run.id}/file/${png.id}/download`);
    assert.equal((await fetch(expired.headers.get('location') ?? '')).status, 403);
    assert.equal((await call(sim, `/api/v1/agent/1001/run/${run.id}/file/1/download`)).status, 404);
  });
});
