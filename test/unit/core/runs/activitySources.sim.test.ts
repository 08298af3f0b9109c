// The Upcoming and Recent Runs views' rows and watching with several environments (core, no VS Code):
// two real simulators with keys ("prod" is the default environment, "staging" an extra one) and a
// third environment without a key. Per environment with a key: one S8 per load, one N1 per poll.
import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../../simulator/index';
import type { SequentumClient } from '../../../../src/core/api/client';
import { NoApiKeyError } from '../../../../src/core/api/errors';
import type { Environment } from '../../../../src/core/environments/environmentSource';
import { silentLogger } from '../../../../src/core/log';
import type { ActivityNode } from '../../../../src/core/runs/activityRows';
import { RecentRunsSource } from '../../../../src/core/runs/recentRunsSource';
import { RunWatcher, watchPollIntervalMs } from '../../../../src/core/runs/runWatcher';
import { RunWatchers, type NoticedFailure } from '../../../../src/core/runs/runWatchers';
import { UPCOMING_REFRESH_MS, UpcomingSource } from '../../../../src/core/runs/upcomingSource';
import { FakeClock } from '../../../support/fakeClock';
import { realClient } from '../../../support/simTree';

const S8 = 'GET /api/v1/analytics/schedules/upcoming';
const N1 = 'GET /api/v1/analytics/runs/summary';
const MINUTE = 60_000;
const BUDGET = { requests: 100, windowSeconds: 60, share: 0.2 };

suite('Upcoming, Recent Runs and watching in every environment with a key (over two simulators)', () => {
  let prod: Simulator;
  let staging: Simulator;
  let clients: Record<string, SequentumClient>;
  let environments: Environment[];
  let all: Environment[];
  let clock: FakeClock;

  suiteSetup(async () => {
    [prod, staging] = await Promise.all([startSimulator({ seed: 'empty', timeScale: 1000 }), startSimulator({ seed: 'empty', timeScale: 1000 })]);
  });
  setup(() => {
    for (const sim of [prod, staging]) sim.control.reset('empty');
    clients = { default: realClient(prod.baseUrl, prod.apiKey), staging: realClient(staging.baseUrl, staging.apiKey) };
    all = [
      { id: 'default', name: 'prod', baseUrl: prod.baseUrl },
      { id: 'staging', name: 'staging', baseUrl: staging.baseUrl },
      { id: 'lab', name: 'lab', baseUrl: 'https://lab.example.invalid' },
    ];
    environments = all;
    clock = new FakeClock(Date.now());
  });
  teardown(() => Object.values(clients).forEach((client) => client.dispose()));
  suiteTeardown(() => Promise.all([prod.close(), staging.close()]));

  /** An environment's client; the one without a key rejects as the extension's lookup does. */
  const api = (envId: string) => (clients[envId] ? Promise.resolve(clients[envId]) : Promise.reject(new NoApiKeyError()));
  const count = (sim: Simulator, route: string) => sim.control.counters().requestsPerRoute[route] ?? 0;
  const labels = (rows: ActivityNode[]) => rows.map((row) => (row.kind === 'environment' ? `env ${row.name}` : row.kind === 'upcomingFire' ? `fire ${row.agentName ?? ''} (${row.envId})` : row.kind));

  function upcomingSource(): UpcomingSource {
    return new UpcomingSource({ environments: () => environments, api, horizon: () => 1, clock, locale: 'en-US', log: silentLogger });
  }
  function hourly(sim: Simulator, name: string): void {
    const agent = sim.control.addAgent({ name });
    sim.control.addSchedule(agent.id, { name: 'Hourly', scheduleType: 2, runEveryCount: 60, runEveryPeriod: 1, startTime: new Date(Date.now() + 10 * MINUTE).toISOString() });
  }

  test('Upcoming: one environment with a key shows its days at the root as before; two show one group each, from their own server', async () => {
    hourly(prod, 'Prod Books');
    hourly(staging, 'Staging Books');
    environments = [all[0], all[2]]; // prod and the keyless lab
    const source = upcomingSource();
    const flat = await source.rows();
    assert.deepEqual(flat.map((row) => row.kind), ['upcomingDay']);
    assert.match(flat[0]?.id ?? '', /^upcoming:\d{4}-\d\d-\d\d$/, 'the ids of a single environment are unchanged');
    assert.deepEqual(labels(source.children(flat[0])), ['fire Prod Books (default)'], 'S8: the next fire of each schedule');

    environments = all;
    source.setVisible(true);
    source.invalidate(); // a key was set for staging
    await source.settled();
    const groups = await source.rows();
    assert.deepEqual(labels(groups), ['env prod', 'env staging'], 'the keyless environment is left out');
    const stagingDays = source.children(groups[1]);
    assert.ok(stagingDays.every((day) => day.kind === 'upcomingDay' && day.id.startsWith('upcoming:staging:')), JSON.stringify(stagingDays.map((day) => day.id)));
    assert.deepEqual([...new Set(labels(stagingDays.flatMap((day) => source.children(day))))], ['fire Staging Books (staging)']);
    const ids = [...groups, ...groups.flatMap((group) => source.children(group)), ...groups.flatMap((group) => source.children(group).flatMap((day) => source.children(day)))].map((row) => row.id);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique across environments');
    assert.deepEqual([count(prod, S8), count(staging, S8)], [2, 1], 'one S8 per load per environment with a key');
    source.dispose();
  });

  test('Upcoming: a change while the view is hidden waits until it is shown; refresh timers run only while visible', async () => {
    const source = upcomingSource();
    source.setVisible(true);
    await source.rows();
    assert.equal(count(prod, S8), 1);
    source.setVisible(false);
    source.invalidate(); // settings changed while hidden
    await source.settled();
    await clock.advance(3 * UPCOMING_REFRESH_MS);
    await source.settled();
    assert.equal(count(prod, S8), 1, 'nothing is read while hidden');
    assert.equal(clock.pending, 0, 'no timer runs while hidden');
    let changed = 0;
    source.onDidChange(() => changed++);
    source.setVisible(true);
    await source.settled();
    assert.equal(count(prod, S8), 2, 'shown again: the stale view reloads once');
    assert.equal(changed, 1);
    source.setVisible(false);
    source.setVisible(true);
    await source.settled();
    assert.equal(count(prod, S8), 2, 'shown again without a change: nothing to reload');
    await clock.advance(UPCOMING_REFRESH_MS);
    await source.settled();
    assert.equal(count(prod, S8), 3, 'visible: every 5 minutes');
    source.invalidate(); // settings changed while visible
    await source.settled();
    assert.equal(count(prod, S8), 4);
    source.dispose();
    assert.equal(clock.pending, 0);
  });

  test('Upcoming: a change while a load is in flight is read once more after it (the load asked with the old horizon)', async () => {
    const agent = prod.control.addAgent({ name: 'Weekly Books' });
    prod.control.addSchedule(agent.id, { name: 'In three days', scheduleType: 1, startTime: new Date(Date.now() + 3 * 24 * 60 * MINUTE).toISOString() });
    let horizon: 1 | 7 = 1;
    const source = new UpcomingSource({ environments: () => [all[0]], api, horizon: () => horizon, clock, locale: 'en-US', log: silentLogger });
    source.setVisible(true);
    const first = source.rows(); // the first load asks for 24 hours
    horizon = 7; // the setting changes before its answer is in
    source.invalidate();
    await first;
    await source.settled();
    const fires = (await source.rows()).flatMap((day) => source.children(day));
    assert.deepEqual(labels(fires), ['fire Weekly Books (default)'], 'the 7-day horizon is shown, not the 24-hour answer');
    assert.equal(count(prod, S8), 2, 'one more read, not one per change');
    source.dispose();
    assert.equal(clock.pending, 0);
  });

  test('Upcoming: shown again after 5 minutes hidden, it reads again (its days and times are old); sooner, the refresh comes when the read is 5 minutes old', async () => {
    const source = upcomingSource();
    source.setVisible(true);
    await source.rows();
    assert.equal(count(prod, S8), 1);
    source.setVisible(false);
    await clock.advance(UPCOMING_REFRESH_MS); // hidden overnight, for all it knows
    source.setVisible(true);
    await source.settled();
    assert.equal(count(prod, S8), 2, 'the rows read before it was hidden are not shown as current');
    await clock.advance(UPCOMING_REFRESH_MS / 2);
    source.setVisible(false);
    source.setVisible(true);
    await source.settled();
    assert.equal(count(prod, S8), 2, 'a read 2.5 minutes old is kept');
    await clock.advance(UPCOMING_REFRESH_MS / 2);
    await source.settled();
    assert.equal(count(prod, S8), 3, 'refreshed when that read is 5 minutes old, not 5 minutes after it was shown again');
    source.dispose();
    assert.equal(clock.pending, 0);
  });

  test('Upcoming: a setting other than the horizon reads nothing; a new horizon is read once', async () => {
    let horizon: 1 | 7 = 1;
    const source = new UpcomingSource({ environments: () => [all[0]], api, horizon: () => horizon, clock, locale: 'en-US', log: silentLogger });
    source.setVisible(true);
    await source.rows();
    source.settingsChanged(); // e.g. sequentum.polling.intervalSeconds
    await source.settled();
    assert.equal(count(prod, S8), 1, 'nothing to read again');
    horizon = 7;
    source.settingsChanged();
    source.settingsChanged(); // VS Code may report one edit more than once
    await source.settled();
    assert.equal(count(prod, S8), 2);
    source.dispose();
  });

  test('Recent Runs shown before its environment was asked: that first read is one N1 in the background lane (watching stays in the share)', async () => {
    const watchers = new RunWatchers({
      environments: () => [all[0]],
      create: (envId) => new RunWatcher({
        api: () => api(envId), clock, settings: () => ({ notify: 'watched', intervalSeconds: 10, budget: BUDGET }),
        isWatched: () => false, hasWatched: () => false, wanted: () => false, // the view shows before its visibility event pokes the watcher
      }),
    });
    const recent = new RecentRunsSource({ watchers, environments: () => [all[0]], agentOf: () => undefined, now: () => Date.now() });
    const rows = await recent.rows();
    assert.deepEqual(rows.map((row) => row.kind), ['summary', 'notice'], 'the summary and "No runs in the last 24 hours"');
    const budget = clients.default.budget.snapshot();
    assert.deepEqual({ sent: count(prod, N1), used: budget.usedInWindow, background: budget.backgroundInWindow }, { sent: 1, used: 1, background: 1 });
    recent.dispose();
    watchers.dispose();
  });

  test('watching: one N1 per poll per environment with a key (none for the keyless one); a watched staging agent\'s failure is announced with its environment; Recent Runs groups by environment', async () => {
    const prodBad = prod.control.addAgent({ name: 'Prod Bad', behaviour: 'failure' }).id;
    const stagingBad = staging.control.addAgent({ name: 'Staging Bad', behaviour: 'failure' }).id;
    const watched: Record<string, number[]> = { staging: [stagingBad] };
    const watchers = new RunWatchers({
      environments: () => environments,
      create: (envId) => new RunWatcher({
        api: () => api(envId), clock, settings: () => ({ notify: 'watched', intervalSeconds: 10, budget: BUDGET }),
        isWatched: (agentId) => (watched[envId] ?? []).includes(agentId), hasWatched: () => (watched[envId] ?? []).length > 0, wanted: () => true,
      }),
    });
    const noticed: NoticedFailure[] = [];
    watchers.onDidNoticeFailure((event) => noticed.push(event));
    const polled = (envIds: string[]) => Promise.all(envIds.map((envId) => new Promise<void>((resolve) => { const d = watchers.get(envId)!.onDidUpdate(() => (d.dispose(), resolve())); })));
    let answers = polled(['default', 'staging', 'lab']);
    await clock.advance(0);
    await answers;
    prod.control.foreignStart(prodBad, { by: 'schedule' });
    staging.control.foreignStart(stagingBad, { by: 'schedule' });
    prod.control.advanceClock(MINUTE);
    staging.control.advanceClock(MINUTE);
    answers = polled(['default', 'staging']);
    await clock.advance(watchPollIntervalMs(10, BUDGET));
    await answers;
    assert.deepEqual(noticed.map(({ envId, failure }) => `${envId}: ${failure.agentName ?? ''}`), ['staging: Staging Bad'], 'only the watched agent, with its environment');
    assert.deepEqual([count(prod, N1), count(staging, N1)], [2, 2], 'one N1 per poll per environment');
    assert.equal(watchers.get('lab')?.active, false, 'the keyless environment stopped at its first try and sent nothing');

    const recent = new RecentRunsSource({ watchers, environments: () => environments, agentOf: () => undefined, now: () => Date.now() + MINUTE });
    const groups = await recent.rows();
    assert.deepEqual(labels(groups), ['env prod', 'env staging']);
    const stagingRows = recent.children(groups[1]);
    assert.deepEqual(stagingRows.map((row) => row.kind), ['summary', 'recentRun']);
    const run = stagingRows[1];
    assert.ok(run?.kind === 'recentRun' && run.envId === 'staging' && run.agentName === 'Staging Bad' && run.id.startsWith('recent:staging:'), JSON.stringify(run));

    environments = [all[1]]; // only staging left: its rows at the root, ids as with one environment
    watchers.sync();
    const single = await recent.rows();
    assert.deepEqual(single.map((row) => row.kind), ['summary', 'recentRun']);
    assert.match(single[1]?.id ?? '', /^recent:\d+:\d+$/);
    assert.equal(watchers.get('default'), undefined, 'a removed environment\'s watcher is gone');
    recent.dispose();
    watchers.dispose();
    assert.equal(clock.pending, 0, 'nothing left scheduled');
  });
});
