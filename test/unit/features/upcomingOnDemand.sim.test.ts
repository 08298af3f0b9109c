// The Upcoming view's source loaded on first use (src/features/activity/upcomingOnDemand.ts) over the
// simulator: nothing is imported, read or timed before the view asks for rows; after that it is the
// core UpcomingSource it imported, told whether the view is shown.
import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../simulator/index';
import type { SequentumClient } from '../../../src/core/api/client';
import type { Environment } from '../../../src/core/environments/environmentSource';
import { silentLogger } from '../../../src/core/log';
import { UPCOMING_REFRESH_MS } from '../../../src/core/runs/upcomingSource';
import { UpcomingOnDemand } from '../../../src/features/activity/upcomingOnDemand';
import { FakeClock } from '../../support/fakeClock';
import { realClient } from '../../support/simTree';

const S8 = 'GET /api/v1/analytics/schedules/upcoming';
const MINUTE = 60_000;

suite('Upcoming view: its source is imported when the view first asks for rows', () => {
  let sim: Simulator;
  let client: SequentumClient;
  let clock: FakeClock;
  let environments: Environment[];

  suiteSetup(async () => {
    sim = await startSimulator({ seed: 'empty', timeScale: 1000 });
  });
  setup(() => {
    sim.control.reset('empty');
    client = realClient(sim.baseUrl, sim.apiKey);
    clock = new FakeClock(Date.now());
    environments = [{ id: 'default', name: 'prod', baseUrl: sim.baseUrl }];
    const agent = sim.control.addAgent({ name: 'Hourly Books' });
    sim.control.addSchedule(agent.id, { name: 'Hourly', scheduleType: 2, runEveryCount: 60, runEveryPeriod: 1, startTime: new Date(Date.now() + 10 * MINUTE).toISOString() });
  });
  teardown(() => client.dispose());
  suiteTeardown(() => sim.close());

  const reads = () => sim.control.counters().requestsPerRoute[S8] ?? 0;
  const view = () => new UpcomingOnDemand({ environments: () => environments, api: () => Promise.resolve(client), horizon: () => 1, clock, locale: 'en-US', log: silentLogger });

  /** Waits (event loop turns, no clock) until the simulator has answered `count` S8 reads. */
  async function readsReach(count: number): Promise<void> {
    for (let turn = 0; reads() < count; turn++) {
      if (turn > 500) assert.fail(`${reads()} S8 reads, expected ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  test('shown, changed and re-set before its first rows: nothing read and no timer; then the rows, and the refresh of a shown view', async () => {
    const upcoming = view();
    upcoming.setVisible(true);
    upcoming.invalidate();
    upcoming.settingsChanged();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(reads(), 0, 'no read before the view asks');
    assert.equal(clock.pending, 0, 'no timer before the source exists');

    const rows = await upcoming.rows();
    assert.deepEqual(rows.map((row) => row.kind), ['upcomingDay']);
    assert.deepEqual(upcoming.children(rows[0]).map((row) => (row.kind === 'upcomingFire' ? row.agentName : row.kind)), ['Hourly Books']);
    assert.equal(reads(), 1);

    // Built after it was shown, the source was told so: its 5-minute refresh runs.
    await clock.advance(UPCOMING_REFRESH_MS);
    await readsReach(2);
    upcoming.setVisible(false);
    upcoming.dispose();
    assert.equal(clock.pending, 0, 'disposed with the source: no timer left');
  });

  test('Refresh before the view asked builds the source and reads once; a hidden view arms no timer', async () => {
    const upcoming = view();
    await upcoming.reload('user');
    assert.equal(reads(), 1);
    assert.equal(clock.pending, 0, 'never shown: nothing timed');
    assert.deepEqual((await upcoming.rows()).map((row) => row.kind), ['upcomingDay']);
    assert.equal(reads(), 1, 'the rows of the refresh, not a second read');
    upcoming.dispose();
  });
});
