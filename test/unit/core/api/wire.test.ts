import * as assert from 'node:assert/strict';
import { createSequentumClient, type SequentumClient } from '../../../../src/core/api/client';
import { MalformedResponseError } from '../../../../src/core/api/errors';
import { runStatusLabel, UNKNOWN_STATUS_NAME_CODE } from '../../../../src/core/api/model';
import { clientOptions, json, settle, simulatorClientFixture, startTestServer, text, type TestServer } from '../../../support/httpServer';

suite('API core: tolerant wire parsing (real HTTP)', () => {
  let server: TestServer;
  let client: SequentumClient;
  const serve = (body: unknown) => server.handle((_req, res) => json(res, 200, body));
  setup(async () => {
    server = await startTestServer();
    client = createSequentumClient(clientOptions(server.origin, { retry: { maxAttempts: 1 } }));
  });
  teardown(async () => {
    client.dispose();
    await server.close();
  });

  test('agent list: bare array, {agents}, {items}, PascalCase envelope', async () => {
    const agent = { id: 1, name: 'A', status: 10, spaceId: 3 };
    for (const body of [[agent], { agents: [agent], totalRecordCount: 9 }, { items: [agent], totalRecordCount: 9 }, { Agents: [{ Id: 1, Name: 'A', Status: 10, SpaceId: 3 }], TotalRecordCount: 9 }]) {
      serve(body);
      const page = await client.listAgents({ pageIndex: 1, recordsPerPage: 1 });
      assert.deepEqual(page.items, [{ id: 1, name: 'A', spaceId: 3, lastStatus: 10, inputParameters: {} }], JSON.stringify(body));
      if (!Array.isArray(body)) assert.equal(page.total, 9);
    }
    assert.match(server.requests[0].path, /pageIndex=1&recordsPerPage=1/);
  });

  test('agent: missing optionals, null status = never run, inputParameters object or JSON text', async () => {
    serve([
      { id: 1 },
      { id: 2, name: 'B', status: null, spaceId: null, inputParameters: '{"url":"https://x","max":5}' },
      { id: 3, name: 'C', inputParameters: { a: null, b: true } },
      { id: '4', name: 'D', inputParameters: 'not json' },
    ]);
    const [a, b, c, d] = (await client.listAgents()).items;
    assert.deepEqual(a, { id: 1, name: 'Agent 1', spaceId: null, lastStatus: null, inputParameters: {} });
    assert.equal(runStatusLabel(b.lastStatus), 'never run');
    assert.deepEqual(b.inputParameters, { url: 'https://x', max: '5' });
    assert.deepEqual(c.inputParameters, { a: '', b: 'true' });
    assert.equal(d.id, 4);
    assert.deepEqual(d.inputParameters, {});
  });

  test('run statuses: ints, names in any case, older names, unknown codes and names kept', async () => {
    const statuses = [1, 'Running', 'RUNNING', 'queued', 'Failed', 'CompletedWithErrors', 'FailedToStart', 'success', '10', 13, 42, 'Paused'];
    serve(statuses.map((status, i) => ({ id: i + 1, configId: 5, status })));
    const runs = await client.listRuns(5);
    assert.deepEqual(runs.map((r) => r.status), [1, 1, 1, 4, 7, 9, 6, 10, 10, 13, 42, UNKNOWN_STATUS_NAME_CODE]);
    assert.equal(runStatusLabel(runs[10].status), 'unknown (42)');
    assert.equal(runStatusLabel(runs[11].status, runs[11].statusName), 'unknown (Paused)');
    assert.equal(runs[5].statusName, 'CompletedWithErrors');
  });

  test('run field aliases: message/errorMessage, dataCount/recordsExtracted, exportCount/recordsExported', async () => {
    serve([
      { id: 1, configId: 5, status: 6, message: 'm1', dataCount: 10, exportCount: 9 },
      { RunId: 2, AgentId: 5, Status: 'Failure', ErrorMessage: 'm2', RecordsExtracted: 20, RecordsExported: 19 },
    ]);
    const [a, b] = await client.listRuns(5, 2);
    assert.deepEqual([a.message, a.recordsExtracted, a.recordsExported], ['m1', 10, 9]);
    assert.deepEqual([b.id, b.agentId, b.status, b.message, b.recordsExtracted, b.recordsExported], [2, 5, 6, 'm2', 20, 19]);
  });

  test('start response: run object with id, {runId, status}, {run: {...}}', async () => {
    for (const [body, expected] of [
      [{ id: 7, configId: 5, status: 4 }, 7],
      [{ runId: 8, status: 'Queuing' }, 8],
      [{ run: { id: 9, configId: 5, status: 3 } }, 9],
      [{ Id: 10 }, 10],
    ] as const) {
      server.handle((_req, res) => json(res, 202, body));
      const run = await client.startRun(5, {});
      assert.equal(run.id, expected);
      assert.equal(run.agentId, 5);
      assert.ok([3, 4].includes(run.status));
    }
  });

  test('files: fileType as int or name; sizes', async () => {
    serve([{ id: 1, name: 'a.csv', fileType: 1, fileSize: 10 }, { Id: 2, Name: 'run.log', FileType: 'LogText' }]);
    const files = await client.listRunFiles(5, 6);
    assert.deepEqual(files, [{ id: 1, name: 'a.csv', fileType: 1, fileSize: 10 }, { id: 2, name: 'run.log', fileType: 'LogText' }]);
  });

  test('spaces and diagnostics', async () => {
    serve([{ id: 1, name: 'S', organizationId: 3 }]);
    assert.deepEqual(await client.listSpaces(), [{ id: 1, name: 'S' }]);
    serve({ runId: 6, agentId: 5, status: 'Failure', errorMessage: 'boom', stats: { dataCount: 1 }, possibleCauses: ['x'], suggestedActions: ['y'] });
    const diagnostics = await client.getRunDiagnostics(5, 6);
    assert.deepEqual(diagnostics, { runId: 6, agentId: 5, status: 6, errorMessage: 'boom', stats: { dataCount: 1 }, possibleCauses: ['x'], suggestedActions: ['y'] });
  });

  const malformed: Array<[string, string, string]> = [
    ['not JSON', 'Hello world', 'text/plain'],
    ['truncated JSON', '[{"id": 1, "na', 'application/json'],
    ['null', 'null', 'application/json'],
    ['empty body', '', 'application/json'],
    ['a number for a list', '42', 'application/json'],
    ['an object without a list', '{"foo": []}', 'application/json'],
    ['id of the wrong type', '[{"id": {"x": 1}, "name": "A"}]', 'application/json'],
    ['name of the wrong type', '[{"id": 1, "name": ["A"]}]', 'application/json'],
    ['status of the wrong type', '[{"id": 1, "status": true}]', 'application/json'],
    ['a null item', '[null]', 'application/json'],
  ];
  for (const [label, body, contentType] of malformed) {
    test(`malformed 2xx (${label}) → MalformedResponseError with a clear message`, async () => {
      server.handle((_req, res) => text(res, 200, body, contentType));
      const result = await settle(client.listAgents());
      assert.ok(!result.ok && result.error instanceof MalformedResponseError, String(!result.ok && result.error));
      assert.match(result.error.message, /^Unexpected response from agent\/all/);
    });
  }
});

suite('API core: simulator wire variants', () => {
  const fixture = simulatorClientFixture();

  async function snapshot() {
    const page = await fixture.client.listAgents({ pageIndex: 1, recordsPerPage: 5 });
    const agent = page.items[0];
    const runs = await fixture.client.listRuns(agent.id, 5);
    return { total: page.total, ids: page.items.map((a) => a.id), statuses: page.items.map((a) => a.lastStatus), runs: runs.map((r) => [r.id, r.status]) };
  }

  test('enum names, PascalCase, items envelope and omitted optionals map to the same model', async () => {
    const reference = await snapshot();
    for (const variants of [{ enumNames: true }, { pascalCase: true }, { envelope: 'items' as const }, { omitOptional: true }, { enumNames: true, pascalCase: true, envelope: 'items' as const, omitOptional: true }]) {
      fixture.sim.control.setVariants({ enumNames: false, pascalCase: false, envelope: 'agents', omitOptional: false, ...variants });
      assert.deepEqual(await snapshot(), reference, JSON.stringify(variants));
    }
    fixture.sim.control.setVariants({ enumNames: false, pascalCase: false, envelope: 'agents', omitOptional: false });
  });
});
