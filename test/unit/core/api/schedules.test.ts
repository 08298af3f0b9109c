import * as assert from 'node:assert/strict';
import { AmbiguousRequestError, MalformedResponseError, ProblemError } from '../../../../src/core/api/errors';
import { scheduleBody } from '../../../../src/core/api/scheduleWire';
import { settle, simulatorClientFixture } from '../../../support/httpServer';

suite('API core: schedules S1–S8 over the simulator', () => {
  const fx = simulatorClientFixture();
  let agentId: number;
  setup(() => {
    fx.sim.control.reset('empty');
    agentId = fx.sim.control.addAgent({ name: 'Books' }).id;
  });
  const routeCount = (route: string): number => fx.sim.control.counters().requestsPerRoute[route] ?? 0;

  test('create, list, get, update, enable/disable (every answer variant), delete', async () => {
    const api = fx.client;
    const created = await api.createSchedule(agentId, { name: 'Nightly', kind: 'cron', cronExpression: '0 2 * * *', timezone: 'Europe/Berlin', isEnabled: true });
    assert.equal(created.kind, 'cron');
    assert.equal(created.cronExpression, '0 2 * * *');
    assert.equal(created.timezone, 'Europe/Berlin');
    assert.ok(created.nextRunTime && Date.parse(created.nextRunTime) > Date.now());
    assert.deepEqual((await api.listSchedules(agentId)).map((s) => s.id), [created.id]);
    const updated = await api.updateSchedule(agentId, created.id, { name: 'Every 30', kind: 'every', runEvery: { count: 30, unit: 'minutes' }, timezone: 'UTC' });
    assert.deepEqual(updated.runEvery, { count: 30, unit: 'minutes' });
    assert.equal(updated.kind, 'every');
    assert.equal(await api.setScheduleEnabled(agentId, created.id, false), undefined, 'a message answer says nothing about the state');
    assert.equal((await api.getSchedule(agentId, created.id)).isEnabled, false);
    fx.sim.control.setVariants({ scheduleActionBody: 'schedule' });
    assert.equal((await api.setScheduleEnabled(agentId, created.id, true))?.isEnabled, true);
    fx.sim.control.setVariants({ scheduleActionBody: 'empty' });
    assert.equal(await api.setScheduleEnabled(agentId, created.id, false), undefined);
    await api.deleteSchedule(agentId, created.id);
    const gone = await settle(api.getSchedule(agentId, created.id));
    assert.ok(!gone.ok && ProblemError.is(gone.error) && gone.error.status === 404);
  });

  test('wire variants read the same: PascalCase, enum names, `cronExpression` in responses, zone-less times', async () => {
    const cron = fx.sim.control.addSchedule(agentId, { name: 'Mon/Thu', scheduleType: 3, cronExpression: '0 9 * * 1,4', timezone: 'America/New_York' });
    fx.sim.control.addSchedule(agentId, { name: 'Hourly-ish', scheduleType: 2, runEveryCount: 2, runEveryPeriod: 2 });
    const plain = await fx.client.listSchedules(agentId);
    fx.sim.control.setVariants({ pascalCase: true, enumNames: true, scheduleCronField: 'cronExpression', zonelessTimes: true });
    const varied = await fx.client.listSchedules(agentId);
    assert.deepEqual(varied.map((s) => ({ ...s, typeText: undefined })), plain.map((s) => ({ ...s, typeText: undefined })));
    assert.equal(varied[0]?.id, cron.id);
    assert.deepEqual(varied[1]?.runEvery, { count: 2, unit: 'hours' }, 'the name "Hours" and the 1-based 2 agree');
  });

  test('runEveryPeriod numbering: a 0 in the list proves 0-based; the server\'s words decide a lone 1–4', async () => {
    fx.sim.control.setVariants({ schedulePeriodBase: 0 });
    fx.sim.control.addSchedule(agentId, { name: 'A', scheduleType: 2, runEveryCount: 30, runEveryPeriod: 0 });
    fx.sim.control.addSchedule(agentId, { name: 'B', scheduleType: 2, runEveryCount: 2, runEveryPeriod: 1 });
    assert.deepEqual((await fx.client.listSchedules(agentId)).map((s) => s.runEvery?.unit), ['minutes', 'hours']);
    const lone = fx.sim.control.addSchedule(agentId, { name: 'C', scheduleType: 2, runEveryCount: 3, runEveryPeriod: 2, localSchedule: 'Every 3 days' });
    assert.deepEqual((await fx.client.getSchedule(agentId, lone.id)).runEvery, { count: 3, unit: 'days' });
  });

  test('refusals are typed problems with field errors (400 and 422)', async () => {
    const past = await settle(fx.client.createSchedule(agentId, { name: 'Soon', kind: 'once', startTime: new Date(Date.now() + 5000).toISOString() }));
    assert.ok(!past.ok && ProblemError.is(past.error));
    assert.equal(past.error.status, 422);
    assert.ok(past.error.problem.errors.some((e) => /StartTime/i.test(e.pointer ?? e.field ?? '')), JSON.stringify(past.error.problem.errors));
    const missing = await settle(fx.client.createSchedule(agentId, { name: 'No count', kind: 'every' }));
    assert.ok(!missing.ok && ProblemError.is(missing.error) && missing.error.status === 400);
  });

  test('malformed bodies are MalformedResponseError, never a TypeError', async () => {
    for (const body of ['{"unexpected":true}', '[{"name":"no id"}]', '[{"id":1,"configId":1,"runEveryCount":"many"}]', 'null']) {
      // A garbled GET answer is asked again (up to 4 attempts): every attempt gets the bad body.
      fx.sim.control.setHostileBodies(`GET agent/${agentId}/schedules`, Array.from({ length: 4 }, () => ({ status: 200, contentType: 'application/json', body })));
      const result = await settle(fx.client.listSchedules(agentId));
      assert.ok(!result.ok && MalformedResponseError.is(result.error), `${body}: ${String(!result.ok && result.error)}`);
    }
  });

  test('retries: PUT and DELETE are repeated after a 503; POST enable is sent once and is ambiguous', async () => {
    const s = fx.sim.control.addSchedule(agentId, { name: 'X', scheduleType: 3, cronExpression: '*/5 * * * *' });
    fx.sim.control.setFault({ route: 'PUT agent/{id}/schedules/{sid}', kind: 'status', status: 503, times: 1 });
    await fx.client.updateSchedule(agentId, s.id, { name: 'Y', kind: 'cron', cronExpression: '*/10 * * * *' });
    assert.equal(routeCount('PUT /api/v1/agent/{agentId}/schedules/{scheduleId}'), 2);
    fx.sim.control.setFault({ route: 'POST agent/{id}/schedules/{sid}/disable', kind: 'status', status: 503, times: 1 });
    const lost = await settle(fx.client.setScheduleEnabled(agentId, s.id, false));
    assert.ok(!lost.ok && AmbiguousRequestError.is(lost.error));
    assert.equal(routeCount('POST /api/v1/agent/{agentId}/schedules/{scheduleId}/disable'), 1);
    fx.sim.control.setFault({ route: 'DELETE agent/{id}/schedules/{sid}', kind: 'status', status: 503, times: 1 });
    await fx.client.deleteSchedule(agentId, s.id);
    assert.equal(routeCount('DELETE /api/v1/agent/{agentId}/schedules/{scheduleId}'), 2);
  });

  test('S8 upcoming fires in a range', async () => {
    const s = fx.sim.control.addSchedule(agentId, { name: 'Hourly', scheduleType: 3, cronExpression: '0 * * * *' });
    const fires = await fx.client.listUpcomingFires({ startDate: new Date().toISOString(), endDate: new Date(Date.now() + 2 * 3600_000).toISOString() });
    assert.deepEqual(fires.map((f) => [f.scheduleId, f.agentId, f.agentName, f.scheduleName]), [[s.id, agentId, 'Books', 'Hourly']]);
  });

  test('request bodies use the request names: cronExpression, integer type, 1-based period, inputParameters as JSON text', () => {
    assert.deepEqual(scheduleBody({ name: 'n', kind: 'every', runEvery: { count: 30, unit: 'minutes' }, inputParameters: { q: 1 } }), {
      name: 'n', scheduleType: 2, runEveryCount: 30, runEveryPeriod: 1, inputParameters: '{"q":1}',
    });
  });
});
