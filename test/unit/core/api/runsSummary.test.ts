import * as assert from 'node:assert/strict';
import { MalformedResponseError, ProblemError } from '../../../../src/core/api/errors';
import { settle, simulatorClientFixture } from '../../../support/httpServer';

const HOUR = 3_600_000;

suite('API core: N1 runs summary over the simulator', () => {
  const fx = simulatorClientFixture();
  let good: number;
  let bad: number;
  let mine: number;
  const lastDay = () => ({ startDate: new Date(Date.now() - 24 * HOUR).toISOString(), endDate: new Date(Date.now() + 60_000).toISOString() });

  setup(() => {
    fx.sim.control.reset('empty');
    const space = fx.sim.control.addSpace({ name: 'Retail' }).id;
    good = fx.sim.control.addAgent({ name: 'Prices', spaceId: space }).id;
    bad = fx.sim.control.addAgent({ name: 'Stock', spaceId: space, behaviour: 'failure' }).id;
    mine = fx.sim.control.addAgent({ name: 'Scratch', spaceId: null }).id;
    fx.sim.control.addRun(good, { status: 10, createdAt: Date.now() - 3 * HOUR });
    fx.sim.control.addRun(bad, { status: 6, createdAt: Date.now() - 5 * HOUR, message: 'Selector not found' });
    fx.sim.control.addRun(mine, { status: 7, createdAt: Date.now() - 2 * HOUR, message: 'Timeout' });
    fx.sim.control.addRun(good, { status: 8, createdAt: Date.now() - 1 * HOUR });
    fx.sim.control.addRun(bad, { status: 6, createdAt: Date.now() - 30 * HOUR, message: 'too old' });
  });

  test('counts the range and lists failures newest first with agent, space and message', async () => {
    const live = fx.sim.control.addRun(good); // in flight
    const summary = await fx.client.getRunsSummary({ ...lastDay(), includeDetails: true });
    assert.deepEqual(
      [summary.totalRuns, summary.completedRuns, summary.failedRuns, summary.stoppedRuns, summary.runningRuns + summary.queuedRuns],
      [5, 1, 2, 1, 1],
    );
    assert.deepEqual(summary.failedRunDetails.map((d) => [d.agentId, d.agentName, d.status, d.errorMessage, d.spaceId === null, d.spaceName]), [
      [mine, 'Scratch', 7, 'Timeout', true, undefined],
      [bad, 'Stock', 6, 'Selector not found', false, 'Retail'],
    ]);
    assert.ok(summary.failedRunDetails.every((d) => d.startTime && Date.parse(d.startTime) > Date.now() - 24 * HOUR));
    assert.ok(!summary.failedRunDetails.some((d) => d.runId === live.id));
  });

  test('failedRunDetails is null without includeDetails and without failures; both read as an empty list', async () => {
    const raw = await fetch(`${fx.sim.baseUrl}/api/v1/analytics/runs/summary?startDate=${encodeURIComponent(lastDay().startDate)}`, { headers: { Authorization: `ApiKey ${fx.sim.apiKey}` } });
    assert.equal(((await raw.json()) as { failedRunDetails: unknown }).failedRunDetails, null);
    assert.deepEqual((await fx.client.getRunsSummary(lastDay())).failedRunDetails, []);
    const quiet = { startDate: new Date(Date.now() - 90 * 60_000).toISOString(), endDate: new Date().toISOString() };
    const none = await fx.client.getRunsSummary({ ...quiet, includeDetails: true });
    assert.deepEqual([none.totalRuns, none.failedRuns, none.failedRunDetails], [1, 0, []]);
  });

  test('every wire variant reads the same: PascalCase, status names, zone-less times, optional fields left out', async () => {
    const plain = await fx.client.getRunsSummary({ ...lastDay(), includeDetails: true });
    fx.sim.control.setVariants({ pascalCase: true, enumNames: true, zonelessTimes: true });
    const varied = await fx.client.getRunsSummary({ ...lastDay(), includeDetails: true });
    assert.deepEqual(varied.failedRunDetails.map(({ statusName: _, ...rest }) => rest), plain.failedRunDetails);
    assert.deepEqual(varied.failedRunDetails.map((d) => d.statusName), ['Failed', 'Failure']);
    fx.sim.control.setVariants({ pascalCase: false, enumNames: false, zonelessTimes: false, omitOptional: true });
    const sparse = await fx.client.getRunsSummary({ ...lastDay(), includeDetails: true });
    assert.deepEqual(sparse.failedRunDetails.map((d) => [d.runId, d.agentId, d.status, d.errorMessage, d.spaceName]), plain.failedRunDetails.map((d) => [d.runId, d.agentId, d.status, undefined, undefined]));
    assert.deepEqual((await fx.client.getRunsSummary(lastDay())).failedRunDetails, [], 'no failedRunDetails member at all');
  });

  test('the status filter takes the documented words; an unknown one is a 400 problem', async () => {
    const failed = await fx.client.getRunsSummary({ ...lastDay(), status: 'Failed', includeDetails: true });
    assert.deepEqual([failed.totalRuns, failed.failedRuns, failed.completedRuns], [2, 2, 0]);
    const completed = await fx.client.getRunsSummary({ ...lastDay(), status: 'Completed' });
    assert.deepEqual([completed.totalRuns, completed.completedRuns], [1, 1]);
    const refused = await settle(fx.client.getRunsSummary({ ...lastDay(), status: 'Sideways' as 'Failed' }));
    assert.ok(!refused.ok && ProblemError.is(refused.error) && refused.error.status === 400);
  });

  test('dates: a date-only end covers its whole day; runs of a space the key may not see are left out', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const day = await fx.client.getRunsSummary({ startDate: today, endDate: today, includeDetails: true });
    const sinceMidnight = Date.now() - Date.parse(today);
    assert.equal(day.totalRuns, [3, 5, 2, 1].filter((h) => h * HOUR <= sinceMidnight).length);
    fx.sim.control.restrictSpace(fx.sim.apiKey, 1);
    const visible = await fx.client.getRunsSummary({ ...lastDay(), includeDetails: true });
    assert.deepEqual(visible.failedRunDetails.map((d) => d.agentId), [mine]);
  });

  test('a schedule that fires and fails is in the next summary', async () => {
    fx.sim.control.addSchedule(bad, { name: 'Every 5', scheduleType: 2, runEveryCount: 5, runEveryPeriod: 1 });
    fx.sim.control.advanceClock(6 * 60_000 + 1000);
    const end = new Date(Date.now() + 10 * 60_000).toISOString();
    const summary = await fx.client.getRunsSummary({ startDate: lastDay().startDate, endDate: end, includeDetails: true });
    assert.equal(summary.failedRunDetails.length, 3, JSON.stringify(summary.failedRunDetails));
    assert.equal(summary.failedRunDetails[0]?.agentId, bad);
  });

  test('a garbled answer is MalformedResponseError, never a TypeError', async () => {
    for (const body of ['[]', '{"failedRunDetails":{"x":1}}', '{"failedRunDetails":[{"agentId":1}]}', '{"totalRuns":"many"}']) {
      fx.sim.control.setHostileBodies('GET analytics/runs/summary', Array.from({ length: 4 }, () => ({ status: 200, contentType: 'application/json', body })));
      const result = await settle(fx.client.getRunsSummary(lastDay()));
      assert.ok(!result.ok && MalformedResponseError.is(result.error), `${body}: ${String(!result.ok && result.error)}`);
    }
    fx.sim.control.clearFaults();
  });
});
