import * as assert from 'node:assert/strict';
import type { SequentumClient } from '../../../../src/core/api/client';
import type { FailedRunDetail } from '../../../../src/core/api/runsSummary';
import { mergeRecentRuns } from '../../../../src/core/runs/recentRuns';
import { RunWatcher, watchPollIntervalMs, type WatchNotify } from '../../../../src/core/runs/runWatcher';
import { groupUpcoming, upcomingRange } from '../../../../src/core/schedules/upcomingDays';
import type { Simulator } from '../../../../simulator/index';
import { NoApiKeyError } from '../../../../src/core/api/errors';
import { FakeClock, flush } from '../../../support/fakeClock';
import { realClient, useEmptySimulator } from '../../../support/simTree';

const MINUTE = 60_000;
const BUDGET = { requests: 100, windowSeconds: 60, share: 0.2 };
const N1 = 'GET /api/v1/analytics/runs/summary';

suite('Runs nobody started here: watching, recent runs, upcoming fires (over the simulator)', () => {
  let sim: Simulator;
  let client: SequentumClient;
  useEmptySimulator(1000, (s, c) => ((sim = s), (client = c)));

  function watcherOver(options: { watched?: number[]; notify?: WatchNotify; wanted?: boolean; followed?: number[]; focused?: () => boolean; api?: () => Promise<SequentumClient>; failures?: unknown[] } = {}) {
    const clock = new FakeClock(Date.now());
    const noticed: FailedRunDetail[] = [];
    const focus = { isFocused: options.focused ?? (() => true), onDidChangeFocus: () => ({ dispose() {} }) };
    const watcher = new RunWatcher({
      api: options.api ?? (() => Promise.resolve(client)), clock,
      ...(options.failures ? { failures: { failed: (error: unknown) => void options.failures?.push(error), cleared: () => {} } } : {}),
      settings: () => ({ notify: options.notify ?? 'watched', intervalSeconds: 10, budget: BUDGET }),
      isWatched: (id) => (options.watched ?? []).includes(id), hasWatched: () => (options.watched ?? []).length > 0,
      wanted: () => options.wanted ?? false, isFollowedHere: (ref) => (options.followed ?? []).includes(ref.runId), focus,
    });
    watcher.onDidNoticeFailure((f) => noticed.push(f));
    const answered = () => new Promise<void>((resolve) => { const d = watcher.onDidUpdate(() => { d.dispose(); resolve(); }); });
    /** Lets the next poll go (its timer) and waits for its answer. */
    const nextPoll = async () => { const done = answered(); await clock.advance(watchPollIntervalMs(10, BUDGET)); await done; };
    /** The first poll goes at once (a zero timer). */
    const firstPoll = async () => { const done = answered(); await clock.advance(0); await done; };
    return { clock, watcher, noticed, nextPoll, firstPoll };
  }

  test('a watched agent\'s scheduled run that fails is noticed at the next poll — one N1 request per poll for 200 agents', async () => {
    const agents = Array.from({ length: 200 }, (_, i) => sim.control.addAgent({ name: `A${i}`, behaviour: i % 2 ? 'failure' : 'success' }).id);
    const watchedBad = agents[1];
    const otherBad = agents[3];
    sim.control.addRun(watchedBad, { status: 6, createdAt: Date.now() - 60 * MINUTE, message: 'old news' });
    for (const id of [watchedBad, otherBad]) sim.control.addSchedule(id, { name: 'Every 5', scheduleType: 2, runEveryCount: 5, runEveryPeriod: 1 });
    sim.control.resetCounters();
    const { watcher, noticed, nextPoll, firstPoll } = watcherOver({ watched: agents.slice(0, 40).filter((_, i) => i % 5 === 1).concat(watchedBad) });
    await firstPoll();
    assert.equal(noticed.length, 0, 'a failure from before watching began is history');
    sim.control.advanceClock(6 * MINUTE);
    await nextPoll();
    assert.deepEqual(noticed.map((f) => `${f.agentId}: ${f.errorMessage ?? ''}`), [`${watchedBad}: Agent failed: success criteria not met`]);
    await nextPoll();
    assert.equal(noticed.length, 1, 'each failure is announced once');
    const routes = sim.control.counters().requestsPerRoute;
    assert.deepEqual(Object.keys(routes), [N1]);
    assert.equal(routes[N1], 3);
    watcher.dispose();
  });

  test('allFailures announces any agent\'s; off announces none; a run followed here is left to the run poller', async () => {
    const bad = sim.control.addAgent({ name: 'Bad', behaviour: 'failure' }).id;
    const other = sim.control.addAgent({ name: 'Other', behaviour: 'failure' }).id;
    const all = watcherOver({ notify: 'allFailures' });
    const off = watcherOver({ notify: 'off', watched: [bad], wanted: true });
    await Promise.all([all.firstPoll(), off.firstPoll()]);
    const followed = sim.control.addRun(bad);
    const foreign = sim.control.foreignStart(other, { by: 'teammate' });
    all.watcher.markAnnounced({ agentId: bad, runId: followed.id });
    sim.control.advanceClock(MINUTE);
    await Promise.all([all.nextPoll(), off.nextPoll()]);
    assert.deepEqual(all.noticed.map((f) => f.runId), [foreign.id]);
    assert.equal(off.noticed.length, 0);
    assert.equal(off.watcher.snapshot.summary?.failedRuns, 2, 'the view still gets the summary');
    all.watcher.dispose();
    off.watcher.dispose();
  });

  test('idle with nothing watched and the view hidden; stops once the window has been in the background for long', async () => {
    const idle = watcherOver({ watched: [] });
    assert.equal(idle.watcher.active, false);
    assert.equal(idle.clock.pending, 0);
    idle.watcher.dispose();
    let focused = false;
    const away = watcherOver({ watched: [1], focused: () => focused });
    await away.firstPoll();
    // Each poll's answer is awaited before the clock moves on: advancing while a real request is in
    // flight left it busy at the assert on a loaded machine (the watcher counted as active).
    let polls = 1;
    for (;;) {
      await flush(); // the answer's finally schedules the next poll, or none
      if (away.clock.pending === 0) break;
      assert.ok(polls < 12, 'still polling 6 minutes after the window lost focus');
      await away.nextPoll();
      polls++;
    }
    assert.equal(away.watcher.active, false, 'no poll scheduled or running');
    // Unfocused from the start: polls at 0, 33 s, …, 297 s; the next (330 s) falls in the pause.
    assert.equal(polls, Math.ceil((5 * MINUTE) / watchPollIntervalMs(10, BUDGET)));
    assert.equal(sim.control.counters().requestsPerRoute[N1], polls);
    focused = true;
    away.watcher.dispose();
  });

  test('watching that starts after an idle spell takes what failed meanwhile as history; what fails after is announced', async () => {
    const bad = sim.control.addAgent({ name: 'Bad', behaviour: 'failure' }).id;
    const watched: number[] = [];
    const late = watcherOver({ watched });
    assert.equal(late.watcher.active, false, 'idle: nothing watched');
    // A failure while nobody watches, then the user watches the agent two minutes later.
    const before = sim.control.foreignStart(bad, { by: 'schedule' });
    sim.control.advanceClock(MINUTE);
    await late.clock.advance(2 * MINUTE);
    watched.push(bad);
    late.watcher.poke();
    await late.firstPoll();
    assert.equal(late.watcher.snapshot.summary?.failedRunDetails.some((f) => f.runId === before.id), true, 'the poll saw it');
    assert.equal(late.noticed.length, 0, 'not announced as news');
    sim.control.advanceClock(2 * MINUTE); // the simulator's clock catches up with the watcher's
    const after = sim.control.foreignStart(bad, { by: 'schedule' });
    sim.control.advanceClock(MINUTE);
    await late.nextPoll();
    assert.deepEqual(late.noticed.map((f) => f.runId), [after.id]);
    late.watcher.dispose();
  });

  test('no API key yet: watching pauses without a notice (the welcome view asks) and resumes once a key is set; a refused key is told once', async () => {
    const failures: unknown[] = [];
    let current: () => Promise<SequentumClient> = () => Promise.reject(new NoApiKeyError());
    const noKey = watcherOver({ watched: [1], failures, api: () => current() });
    await noKey.firstPoll();
    for (let i = 0; i < 3; i++) await noKey.clock.advance(watchPollIntervalMs(10, BUDGET));
    assert.deepEqual(failures, [], 'a missing key is setup, not a failure');
    assert.equal(noKey.watcher.active, false, 'paused: asking again without a key cannot help');
    assert.ok(NoApiKeyError.is(noKey.watcher.snapshot.error), 'the view still learns why it is empty');
    current = () => Promise.resolve(client);
    const answered = new Promise<void>((resolve) => { const d = noKey.watcher.onDidUpdate(() => { d.dispose(); resolve(); }); });
    noKey.watcher.resume();
    await noKey.clock.advance(watchPollIntervalMs(10, BUDGET));
    await answered;
    assert.equal(noKey.watcher.snapshot.error, undefined);
    assert.equal(noKey.watcher.snapshot.summary?.failedRuns, 0);
    noKey.watcher.dispose();

    const refused = realClient(sim.baseUrl, 'not-the-key');
    const rejected = watcherOver({ watched: [1], failures, api: () => Promise.resolve(refused) });
    await rejected.firstPoll();
    for (let i = 0; i < 3; i++) await rejected.clock.advance(watchPollIntervalMs(10, BUDGET));
    assert.equal(failures.length, 1, 'a refused key is told once');
    assert.equal(rejected.watcher.active, false);
    rejected.watcher.dispose();
    refused.dispose();
  });

  test('recent runs: failures first, newest first; a followed run\'s status is fresher than the summary', async () => {
    const space = sim.control.addSpace({ name: 'Retail' }).id;
    const a = sim.control.addAgent({ name: 'A', spaceId: space }).id;
    const f1 = sim.control.addRun(a, { status: 6, createdAt: Date.now() - 300 * MINUTE, message: 'first' });
    const f2 = sim.control.addRun(a, { status: 6, createdAt: Date.now() - 100 * MINUTE, message: 'second' });
    const summary = await client.getRunsSummary({ startDate: new Date(Date.now() - 86_400_000).toISOString(), endDate: new Date().toISOString(), includeDetails: true });
    const start = (m: number) => new Date(Date.now() - m * MINUTE).toISOString();
    const rows = mergeRecentRuns(summary.failedRunDetails, [
      { run: { id: 1, agentId: a, status: 10, startTime: start(5), agentName: 'A' } },
      { run: { id: 2, agentId: a, status: 1, startTime: start(50) } },
      { run: { id: 3, agentId: a, status: 10, startTime: start(25 * 60) } },
      { run: { id: f1.id, agentId: a, status: 6, message: 'newer words' } },
    ], Date.now());
    assert.deepEqual(rows.map((r) => [r.runId, r.message ?? null, r.spaceName ?? null]), [[f2.id, 'second', 'Retail'], [f1.id, 'newer words', 'Retail'], [1, null, null], [2, null, null]]);
  });

  test('upcoming: S8 fires grouped by day in the user\'s zone, paused ones out, 1 or 7 days', async () => {
    const a = sim.control.addAgent({ name: 'Nightly' }).id;
    const b = sim.control.addAgent({ name: 'Hourly' }).id;
    sim.control.addSchedule(a, { name: 'At 02:00', scheduleType: 3, cronExpression: '0 2 * * *', timezone: 'UTC' });
    sim.control.addSchedule(b, { name: 'Every 6 h', scheduleType: 2, runEveryCount: 6, runEveryPeriod: 2 });
    sim.control.addSchedule(b, { name: 'Paused', scheduleType: 3, cronExpression: '*/5 * * * *', isEnabled: false });
    const now = Date.now();
    const week = await client.listUpcomingFires(upcomingRange(now, 7));
    const days = groupUpcoming(week, { now, days: 7, timeZone: 'UTC', locale: 'en-US' });
    const all = days.flatMap((d) => d.entries);
    assert.ok(all.every((e, i) => i === 0 || all[i - 1].at <= e.at), 'soonest first');
    assert.ok(!all.some((e) => e.fire.scheduleName === 'Paused'));
    assert.equal(days[0]?.label, all[0] && new Date(all[0].at).toISOString().slice(0, 10) === new Date(now).toISOString().slice(0, 10) ? 'Today' : 'Tomorrow');
    assert.ok(days.every((d) => d.entries.every((e) => new Date(e.at).toISOString().slice(0, 10) === d.key)));
    const oneDay = groupUpcoming(await client.listUpcomingFires(upcomingRange(now, 1)), { now, days: 1, timeZone: 'UTC' });
    assert.ok(oneDay.flatMap((d) => d.entries).every((e) => e.at <= now + 86_400_000));
    assert.equal(oneDay.flatMap((d) => d.entries).filter((e) => e.fire.agentId === a).length, 1, 'one 02:00 fire within a day');
  });

  test('the demo seed fills both views: fires in the next 24 hours, failures started elsewhere, a teammate\'s run in flight', async () => {
    sim.control.reset('demo');
    const now = Date.now();
    const days = groupUpcoming(await client.listUpcomingFires(upcomingRange(now, 1)), { now, days: 1 });
    assert.ok(days.flatMap((d) => d.entries).length >= 3, JSON.stringify(days));
    const summary = await client.getRunsSummary({ startDate: new Date(now - 86_400_000).toISOString(), endDate: new Date(now + 60_000).toISOString(), includeDetails: true });
    assert.deepEqual(summary.failedRunDetails.map((d) => d.agentName), ['LoopNet Commercial Leases', 'eBay Sold Listings – Cameras']);
    assert.ok(summary.runningRuns + summary.queuedRuns >= 1);
  });
});
