import assert from 'node:assert/strict';
import type { Simulator } from '../../../../simulator/index';
import type { SequentumClient } from '../../../../src/core/api/client';
import type { Schedule } from '../../../../src/core/api/scheduleModel';
import type { DiagnosticDescription } from '../../../../src/core/diagnostics/diagnosticDescription';
import { silentLogger } from '../../../../src/core/log';
import { RemoteFileSystem, RemoteNotFoundError } from '../../../../src/core/remote/remoteFileSystem';
import { ScheduleFiles, ScheduleSaveError, schedulePath } from '../../../../src/core/schedules/scheduleFiles';
import { useEmptySimulator } from '../../../support/simTree';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const bytes = (value: string): Uint8Array => new TextEncoder().encode(value);
const edit = (document: string, change: (doc: Record<string, unknown>) => void): Uint8Array => {
  const doc = JSON.parse(document) as Record<string, unknown>;
  change(doc);
  return bytes(JSON.stringify(doc, null, 2));
};

suite('schedule documents on the sequentum: file system (over the simulator)', () => {
  let sim: Simulator;
  let client: SequentumClient;
  useEmptySimulator(1, (s, c) => {
    sim = s;
    client = c;
  });

  let fs: RemoteFileSystem;
  let agentId: number;
  let scheduleId: number;
  let path: string;
  let problems: Map<string, DiagnosticDescription[]>;
  let saved: { schedule: Schedule; created: boolean }[];
  let overwrite: boolean[];
  let asked: string[];

  setup(() => {
    agentId = sim.control.addAgent({ name: 'Books' }).id;
    scheduleId = sim.control.addSchedule(agentId, { name: 'Nightly', scheduleType: 3, cronExpression: '0 2 * * *', timezone: 'Europe/Berlin' }).id;
    path = schedulePath('default', agentId, scheduleId);
    problems = new Map();
    saved = [];
    overwrite = [];
    asked = [];
    fs = new RemoteFileSystem([
      new ScheduleFiles({
        api: () => Promise.resolve(client),
        confirmOverwrite: (name) => {
          asked.push(name);
          return Promise.resolve(overwrite.shift() ?? false);
        },
        showProblems: (where, list) => problems.set(where, list),
        saved: (_envId, schedule, created) => saved.push({ schedule, created }),
        timeZone: () => 'Europe/Berlin',
        log: silentLogger,
      }),
    ]);
  });
  teardown(() => fs.dispose());

  const routeCount = (route: string) => sim.control.counters().requestsPerRoute[route] ?? 0;
  const onServer = () => client.getSchedule(agentId, scheduleId);

  test('reads a schedule as a document with names for the numbers; stat is stable and costs no request', async () => {
    const before = fs.stat(path);
    const doc = JSON.parse(text(await fs.readFile(path))) as Record<string, unknown>;
    assert.equal(doc.name, 'Nightly');
    assert.equal(doc.scheduleType, 'CRON');
    assert.equal(doc.cronExpression, '0 2 * * *');
    assert.equal(doc.timezone, 'Europe/Berlin');
    assert.deepEqual(doc.inputParameters, {});
    assert.equal(doc.logLevel, 'Info', 'start options as the schedule carries them');
    assert.deepEqual(fs.stat(path), before, 'a read keeps the mtime and size VS Code compares on save');
    assert.equal(routeCount('GET /api/v1/agent/{agentId}/schedules/{scheduleId}'), 1);
    assert.equal(fs.stat(`/default/agents/${agentId}`).type, 'directory');
    assert.throws(() => fs.stat(`/default/agents/${agentId}/schedules/x.json`), (error) => RemoteNotFoundError.is(error));
    await assert.rejects(fs.readFile(`/default/agents/${agentId}/runs/1.json`), (error) => RemoteNotFoundError.is(error));
  });

  test('save writes S4 (after a fresh S3), the tree hears of it, problems are cleared, the mtime moves', async () => {
    const document = text(await fs.readFile(path));
    const mtime = fs.stat(path).mtime;
    const outcome = await fs.writeFile(path, edit(document, (doc) => (doc.cronExpression = '30 6 * * 1-5')));
    assert.equal(routeCount('GET /api/v1/agent/{agentId}/schedules/{scheduleId}'), 2, 'the open and the conflict check');
    assert.equal(routeCount('PUT /api/v1/agent/{agentId}/schedules/{scheduleId}'), 1);
    assert.equal((await onServer()).cronExpression, '30 6 * * 1-5');
    assert.equal(saved.length, 1);
    assert.equal(saved[0].created, false);
    assert.deepEqual(problems.get(path), []);
    assert.equal(outcome.movedTo, undefined);
    assert.match(outcome.text, /"cronExpression": "30 6 \* \* 1-5"/);
    assert.ok(fs.stat(path).mtime > mtime);
    assert.equal(asked.length, 0, 'unchanged on the server: nothing to ask');
  });

  test('a schedule changed on the server since it was opened is overwritten only when the user says so', async () => {
    const document = text(await fs.readFile(path));
    await client.updateSchedule(agentId, scheduleId, { name: 'Nightly', kind: 'cron', cronExpression: '0 3 * * *', timezone: 'Europe/Berlin' });
    const mine = edit(document, (doc) => (doc.cronExpression = '0 4 * * *'));
    await assert.rejects(fs.writeFile(path, mine), (error) => ScheduleSaveError.is(error) && error.reason === 'conflict');
    assert.deepEqual(asked, ['Nightly']);
    assert.equal((await onServer()).cronExpression, '0 3 * * *', 'the teammate\'s change stays');
    overwrite.push(true);
    await fs.writeFile(path, mine);
    assert.equal((await onServer()).cronExpression, '0 4 * * *');
    assert.equal(asked.length, 2);
  });

  test('a 422 lands as diagnostics on the fields it names; nothing is written', async () => {
    const document = text(await fs.readFile(path));
    const refused = edit(document, (doc) => {
      doc.scheduleType = 'RunEvery';
      doc.runEveryCount = 0;
      doc.runEveryPeriod = 'Minutes';
    });
    await assert.rejects(fs.writeFile(path, refused), (error) => ScheduleSaveError.is(error) && error.reason === 'refused' && !error.retryable);
    const shown = problems.get(path) ?? [];
    assert.equal(shown.length, 1);
    const written = text(refused);
    assert.equal(written.slice(shown[0].range.start, shown[0].range.end), '0', 'on the runEveryCount value');
    assert.match(shown[0].message, /RunEveryCount must be between 1 and 1000/);
    assert.equal(shown[0].severity, 'error');
    assert.equal((await onServer()).kind, 'cron');
    assert.equal(saved.length, 0);
  });

  test('a document that cannot become a request is refused before any request, on its field', async () => {
    const document = text(await fs.readFile(path));
    const puts = routeCount('PUT /api/v1/agent/{agentId}/schedules/{scheduleId}');
    const wrong = edit(document, (doc) => (doc.scheduleType = 'Sometimes'));
    await assert.rejects(fs.writeFile(path, wrong), (error) => ScheduleSaveError.is(error) && error.reason === 'invalid');
    const shown = problems.get(path) ?? [];
    assert.equal(text(wrong).slice(shown[0].range.start, shown[0].range.end), '"Sometimes"');
    await assert.rejects(fs.writeFile(path, bytes('{ "name": ')), (error) => ScheduleSaveError.is(error) && error.reason === 'invalid');
    assert.equal(routeCount('PUT /api/v1/agent/{agentId}/schedules/{scheduleId}'), puts);
  });

  test('a network failure keeps the server as it was and says Retry may help', async () => {
    const document = text(await fs.readFile(path));
    sim.control.setFault({ route: 'PUT agent/{id}/schedules/{sid}', kind: 'reset', times: 1 });
    const mine = edit(document, (doc) => (doc.cronExpression = '0 5 * * *'));
    await assert.rejects(fs.writeFile(path, mine), (error) => ScheduleSaveError.is(error) && error.reason === 'failed' && error.retryable);
    assert.equal((await onServer()).cronExpression, '0 2 * * *');
    await fs.writeFile(path, mine);
    assert.equal((await onServer()).cronExpression, '0 5 * * *', 'Retry saves the same text');
  });

  test('new.json starts from a template and, saved, becomes the created schedule (S2 sent once)', async () => {
    const newPath = schedulePath('default', agentId, 'new');
    const template = text(await fs.readFile(newPath));
    assert.equal(routeCount('GET /api/v1/agent/{agentId}/schedules/{scheduleId}'), 0, 'a template needs no request');
    assert.equal((JSON.parse(template) as { timezone: string }).timezone, 'Europe/Berlin');
    const outcome = await fs.writeFile(newPath, edit(template, (doc) => (doc.name = 'Mornings')));
    const created = saved[0];
    assert.equal(created.created, true);
    assert.equal(created.schedule.name, 'Mornings');
    assert.equal(outcome.movedTo, schedulePath('default', agentId, created.schedule.id));
    assert.equal(routeCount('POST /api/v1/agent/{agentId}/schedules'), 1);
    assert.equal(JSON.parse(text(await fs.readFile(newPath))).name, 'New schedule', 'new.json is a fresh template again');
  });

  test('a create whose answer is lost is looked up (S1), never posted twice', async () => {
    const newPath = schedulePath('default', agentId, 'new');
    const template = text(await fs.readFile(newPath));
    sim.control.setFault({ route: 'POST agent/{id}/schedules', kind: 'commitThenDrop', times: 1 });
    const outcome = await fs.writeFile(newPath, edit(template, (doc) => (doc.name = 'Lost answer')));
    assert.equal(routeCount('POST /api/v1/agent/{agentId}/schedules'), 1);
    const listed = await client.listSchedules(agentId);
    assert.equal(listed.filter((s) => s.name === 'Lost answer').length, 1);
    assert.equal(outcome.movedTo, schedulePath('default', agentId, listed.find((s) => s.name === 'Lost answer')!.id));
  });

  test('a lost create whose look-up cannot tell (the list carries no created time) is not called "not created"', async () => {
    // The API reference does not promise S1's created field: without it, a same-name schedule may be ours.
    const withoutCreated = new Proxy(client, {
      get: (target, key, receiver) =>
        key === 'listSchedules'
          ? async (...args: Parameters<SequentumClient['listSchedules']>) => (await target.listSchedules(...args)).map(({ created: _created, ...rest }) => rest)
          : (Reflect.get(target, key, receiver) as unknown),
    });
    const blind = new RemoteFileSystem([
      new ScheduleFiles({ api: () => Promise.resolve(withoutCreated), confirmOverwrite: () => Promise.resolve(false), showProblems: () => undefined, saved: () => undefined, timeZone: () => 'UTC', log: silentLogger }),
    ]);
    const newPath = schedulePath('default', agentId, 'new');
    const template = text(await blind.readFile(newPath));
    sim.control.setFault({ route: 'POST agent/{id}/schedules', kind: 'commitThenDrop', times: 1 });
    const failure = await blind.writeFile(newPath, edit(template, (doc) => (doc.name = 'Lost answer'))).then(() => undefined, (error: unknown) => error);
    blind.dispose();
    assert.ok(ScheduleSaveError.is(failure), String(failure));
    assert.equal(failure.reason, 'unclear');
    assert.equal(failure.retryable, false, 'a Retry would post the schedule a second time');
    assert.equal((await client.listSchedules(agentId)).filter((s) => s.name === 'Lost answer').length, 1);
  });
});
