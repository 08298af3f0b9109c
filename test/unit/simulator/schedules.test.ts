import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../simulator/index';
import { call, post } from '../../support/simulatorCalls';

const put = (sim: Simulator, path: string, body: unknown) => call(sim, path, { method: 'PUT', body: JSON.stringify(body) });
const del = (sim: Simulator, path: string) => call(sim, path, { method: 'DELETE' });

suite('simulator: schedules (S1–S8)', () => {
  let sim: Simulator;
  let agentId: number;
  let base: string;
  // timeScale 1: runs and fires move only when the test advances the clock.
  suiteSetup(async () => {
    sim = await startSimulator({ timeScale: 1, seed: 'empty' });
  });
  suiteTeardown(() => sim.close());
  setup(() => {
    sim.control.reset('empty');
    agentId = sim.control.addAgent({ name: 'Books', inputParameters: { url: 'https://books.example.com' }, durationSec: 60 }).id;
    base = `/api/v1/agent/${agentId}/schedules`;
  });

  test('create (201) → list → get → update → delete; the response names the CRON text `schedule`', async () => {
    const created = await post(sim, base, { name: 'Nightly', scheduleType: 3, cronExpression: '0 2 * * *', timezone: 'Europe/Berlin', isEnabled: true });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.schedule, '0 2 * * *');
    assert.equal(created.json.cronExpression, undefined);
    assert.equal(created.json.configId, agentId);
    assert.equal(created.json.scheduleType, 3);
    const next = new Date(created.json.nextRunTime as string);
    // 02:00 in Berlin is 00:00 or 01:00 UTC depending on DST.
    assert.ok([0, 1].includes(next.getUTCHours()) && next.getUTCMinutes() === 0, created.json.nextRunTime as string);
    const id = created.json.id;
    assert.deepEqual((await call(sim, base)).json.map((s) => s.id), [id]);
    assert.equal((await call(sim, `${base}/${id}`)).json.name, 'Nightly');
    const updated = await put(sim, `${base}/${id}`, { name: 'Nightly (late)', schedule: '30 3 * * *' });
    assert.equal(updated.status, 200, updated.text);
    assert.equal(updated.json.schedule, '30 3 * * *');
    assert.equal(updated.json.timezone, 'Europe/Berlin', 'a partial PUT keeps the other fields');
    assert.equal((await del(sim, `${base}/${id}`)).status, 204);
    assert.equal((await call(sim, `${base}/${id}`)).status, 404);
    assert.equal((await call(sim, `/api/v1/agent/999/schedules`)).status, 404);
  });

  test('an every-30-minutes schedule fires on the clock: one hour = two runs started by the schedule', async () => {
    const s = sim.control.addSchedule(agentId, { name: 'Half-hourly', scheduleType: 2, runEveryCount: 30, runEveryPeriod: 1, timezone: 'UTC' });
    assert.equal((await call(sim, `/api/v1/agent/${agentId}/runs`)).json.length, 0);
    sim.control.advanceClock(60 * 60_000 + 1000);
    const runs = (await call(sim, `/api/v1/agent/${agentId}/runs`)).json;
    assert.equal(runs.length, 2);
    assert.deepEqual(sim.control.getSchedule(s.id)?.firedRunIds, runs.map((r) => r.id).reverse());
    sim.control.setVariants({ runInputs: true });
    assert.equal((await call(sim, `/api/v1/agent/${agentId}/runs`)).json[0]?.startedBy, 'schedule');
  });

  test('disable pauses firing and keeps the config; enable resumes from now without catching up', async () => {
    const s = sim.control.addSchedule(agentId, { name: 'Every 10', scheduleType: 2, runEveryCount: 10, runEveryPeriod: 'Minutes' });
    const disabled = await post(sim, `${base}/${s.id}/disable`);
    assert.equal(disabled.status, 200);
    assert.equal(disabled.json.message, 'The schedule was disabled');
    sim.control.advanceClock(60 * 60_000);
    assert.equal((await call(sim, `/api/v1/agent/${agentId}/runs`)).json.length, 0);
    const got = (await call(sim, `${base}/${s.id}`)).json;
    assert.equal(got.isEnabled, false);
    assert.equal(got.nextRunTime, null);
    assert.equal(got.runEveryCount, 10);
    sim.control.setVariants({ scheduleActionBody: 'schedule' });
    const enabled = await post(sim, `${base}/${s.id}/enable`);
    assert.equal(enabled.json.isEnabled, true);
    sim.control.advanceClock(10 * 60_000 + 1);
    assert.equal((await call(sim, `/api/v1/agent/${agentId}/runs`)).json.length, 1);
    sim.control.setVariants({ scheduleActionBody: 'empty' });
    assert.equal((await post(sim, `${base}/${s.id}/disable`)).status, 204);
  });

  test('a RunOnce schedule fires once; S8 lists next fires in the range, soonest first', async () => {
    const inTwoHours = new Date(Date.now() + 2 * 3600_000).toISOString();
    const once = sim.control.addSchedule(agentId, { name: 'Once', scheduleType: 1, startTime: inTwoHours });
    const cron = sim.control.addSchedule(agentId, { name: 'Hourly', scheduleType: 3, cronExpression: '15 * * * *' });
    const upcoming = (await call(sim, '/api/v1/analytics/schedules/upcoming')).json;
    assert.deepEqual(upcoming.map((u) => u.scheduleId), [cron.id, once.id].sort((a, b) => (a === cron.id ? -1 : b === cron.id ? 1 : 0)));
    assert.equal(upcoming[0]?.agentName, 'Books');
    const narrow = (await call(sim, `/api/v1/analytics/schedules/upcoming?startDate=${encodeURIComponent(new Date().toISOString())}&endDate=${encodeURIComponent(new Date(Date.now() + 3600_000 + 60_000).toISOString())}`)).json;
    assert.deepEqual(narrow.map((u) => u.scheduleId), [cron.id]);
    assert.equal((await call(sim, '/api/v1/analytics/schedules/upcoming?startDate=yesterday')).status, 400);
    sim.control.advanceClock(3 * 3600_000);
    assert.equal(sim.control.getSchedule(once.id)?.firedRunIds.length, 1);
    assert.equal(sim.control.getSchedule(once.id)?.nextRunTime, null);
  });

  test('bad input: 400 for missing/unconvertible fields, 422 for refused values, both with field errors', async () => {
    const missing = await post(sim, base, { scheduleType: 'RunEvery' });
    assert.equal(missing.status, 400);
    assert.ok(missing.json.errors.Name && missing.json.errors.RunEveryCount && missing.json.errors.RunEveryPeriod, missing.text);
    const refused = await post(sim, base, { name: 'x', scheduleType: 3, cronExpression: '61 * * * *', timezone: 'Mars/Olympus' });
    assert.equal(refused.status, 422);
    assert.ok(refused.json.errors.CronExpression && refused.json.errors.Timezone, refused.text);
    const past = await post(sim, base, { name: 'x', scheduleType: 1, startTime: new Date(Date.now() + 10_000).toISOString() });
    assert.equal(past.status, 422);
    assert.match(past.json.errors.StartTime?.[0] ?? '', /1 minute in the future/);
    sim.control.setValidationStyle('rfc9457');
    const listed = await post(sim, base, { name: 'x', scheduleType: 2, runEveryCount: 0, runEveryPeriod: 1 });
    assert.deepEqual(listed.json.errors.map((e) => e.pointer), ['#/runEveryCount']);
    assert.equal((await post(sim, base, { name: 'x', scheduleType: 2, runEveryCount: 1, runEveryPeriod: 0 })).status, 400, '0 is not a unit with base 1');
  });

  test('wire variants: 0-based periods, both CRON names, enum names, PascalCase', async () => {
    sim.control.setVariants({ schedulePeriodBase: 0, scheduleCronField: 'both' });
    const every = await post(sim, base, { Name: 'Every 30', ScheduleType: '2', RunEveryCount: 30, RunEveryPeriod: 0 });
    assert.equal(every.status, 201, every.text);
    assert.equal(every.json.runEveryPeriod, 0);
    const cron = await post(sim, base, { name: 'Mon/Thu', scheduleType: 'CRON', schedule: '0 9 * * MON,THU' });
    assert.equal(cron.json.schedule, '0 9 * * MON,THU');
    assert.equal(cron.json.cronExpression, '0 9 * * MON,THU');
    sim.control.setVariants({ enumNames: true, pascalCase: true, scheduleCronField: 'cronExpression' });
    const list = (await call(sim, base)).json;
    assert.equal(list[0]?.ScheduleType, 'RunEvery');
    assert.equal(list[0]?.RunEveryPeriod, 'Minutes');
    assert.equal(list[1]?.CronExpression, '0 9 * * MON,THU');
    assert.equal(list[1]?.Schedule, undefined);
  });
});
