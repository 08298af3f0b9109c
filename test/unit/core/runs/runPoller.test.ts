import * as assert from 'node:assert/strict';
import { Emitter } from '../../../../src/core/emitter';
import type { Run } from '../../../../src/core/api/model';
import { NetworkError } from '../../../../src/core/api/errors';
import { describeFailure, NotificationGate } from '../../../../src/core/errors/failureNotification';
import { RunPoller, type PollFailureSink } from '../../../../src/core/runs/runPoller';
import { RunTracker, type RunChangeEvent } from '../../../../src/core/runs/runTracker';
import { FakeApi } from '../../../support/fakeApi';
import { problem } from '../../../support/builders';
import { FakeClock } from '../../../support/fakeClock';

function setup(options: { share?: number; intervalSeconds?: number; focused?: boolean; queued?: () => number; failures?: PollFailureSink } = {}) {
  const clock = new FakeClock();
  const api = new FakeApi(clock);
  const tracker = new RunTracker(clock);
  const focus = new Emitter<boolean>();
  let focused = options.focused ?? true;
  const poller = new RunPoller(tracker, {
    api: () => Promise.resolve(api),
    clock,
    settings: () => ({
      intervalSeconds: options.intervalSeconds ?? 10,
      budget: { requests: 100, windowSeconds: 60, share: options.share ?? 0.2 },
    }),
    queuedBackground: options.queued,
    focus: { isFocused: () => focused, onDidChangeFocus: focus.event },
    pauseWhenUnfocusedMs: 5 * 60_000,
    failures: options.failures,
  });
  const changes: RunChangeEvent[] = [];
  const finished: RunChangeEvent[] = [];
  tracker.onDidChangeRun((e) => changes.push(e));
  tracker.onDidFinishRun((e) => finished.push(e));
  const setFocus = (value: boolean) => {
    focused = value;
    focus.fire(value);
  };
  return { clock, api, tracker, poller, changes, finished, setFocus };
}

const polls = (api: FakeApi) => api.calls.filter((c) => c.method === 'getRunStatus');

suite('RunPoller', () => {
  test('polls a followed run in the background lane until it finishes, then schedules nothing', async () => {
    const { clock, api, tracker, poller, finished } = setup();
    const run = api.addRun(1, 1, 0);
    api.statusScript.set(run.id, [1, 2, 10]);
    assert.equal(clock.pending, 0, 'nothing scheduled while nothing is in flight');
    tracker.follow(run);
    assert.equal(poller.active, true);
    await clock.advance(60_000);
    assert.equal(polls(api).length, 3);
    assert.ok(polls(api).every((c) => c.priority === 'background'));
    assert.deepEqual(polls(api).map((c) => c.at - polls(api)[0].at), [0, 10_000, 20_000], 'base interval for a young run');
    assert.equal(finished.length, 1);
    assert.equal(finished[0].run.status, 10);
    assert.equal(tracker.inFlight().length, 0);
    assert.equal(clock.pending, 0, 'stops when idle');
    assert.equal(poller.active, false);
    poller.dispose();
  });

  test('many runs: never more polls per window than the background share', async () => {
    const { clock, api, tracker, poller } = setup({ intervalSeconds: 1 });
    const runs: Run[] = [];
    for (let i = 0; i < 30; i++) runs.push(api.addRun(i + 1, 1, 0));
    tracker.observe(runs);
    await clock.advance(10 * 60_000);
    const times = polls(api).map((c) => c.at);
    assert.ok(times.length > 50, `polled ${times.length} times`);
    for (const start of times) {
      const inWindow = times.filter((t) => t >= start && t < start + 60_000).length;
      assert.ok(inWindow <= 20, `${inWindow} polls in one window (share allows 20)`);
    }
    const polledAgents = new Set(tracker.inFlight().map((t) => t.run.agentId));
    assert.equal(polledAgents.size, 30, 'every run is still followed');
    assert.ok(times.length >= 30 * 3, 'each run was polled several times: no run starves');
    poller.dispose();
    assert.equal(clock.pending, 0);
  });

  test('a wall-clock jump (sleep, NTP) stalls nothing: polls keep their monotonic schedule', async () => {
    const { clock, api, tracker, poller } = setup();
    tracker.follow(api.addRun(1, 1, 0));
    await clock.advance(20_000);
    const before = polls(api).length;
    clock.jumpWall(-3 * 3_600_000); // the wall clock goes back three hours
    await clock.advance(30_000);
    clock.jumpWall(+6 * 3_600_000); // and three hours ahead of real time
    await clock.advance(30_000);
    const gaps = polls(api).map((c, i, all) => (i === 0 ? undefined : c.at - all[i - 1].at)).slice(1);
    assert.ok(polls(api).length >= before + 4, `polled ${polls(api).length - before} times after the jumps`);
    // Each gap is the base interval, or the interval of a run that now looks hours old: never a stall.
    assert.ok(gaps.every((gap) => gap !== undefined && gap <= 40_000), `gaps ${gaps.join(', ')}`);
    poller.dispose();
    assert.equal(clock.pending, 0);
  });

  test('long-running runs are polled less often', async () => {
    const { clock, api, tracker, poller } = setup();
    const old = api.addRun(1, 1, 45); // started 45 minutes ago
    tracker.follow(old);
    await clock.advance(5 * 60_000);
    const gaps = polls(api).map((c, i, all) => (i === 0 ? undefined : c.at - all[i - 1].at)).slice(1);
    assert.ok(gaps.length > 0 && gaps.every((gap) => gap === 40_000), `gaps ${gaps.join(', ')}`);
    poller.dispose();
  });

  test('adds nothing while background requests are already queued in the client', async () => {
    let queued = 3;
    const { clock, api, tracker, poller } = setup({ queued: () => queued });
    tracker.follow(api.addRun(1, 1, 0));
    await clock.advance(60_000);
    assert.equal(polls(api).length, 0);
    queued = 0;
    await clock.advance(10_000);
    assert.equal(polls(api).length, 1);
    poller.dispose();
  });

  test('pauses once the window has been unfocused for long, resumes on focus', async () => {
    const { clock, api, tracker, poller, setFocus } = setup();
    tracker.follow(api.addRun(1, 1, 0));
    setFocus(false);
    await clock.advance(5 * 60_000);
    const whilePausing = polls(api).length;
    assert.ok(whilePausing > 0, 'keeps polling for a while after losing focus');
    await clock.advance(30 * 60_000);
    assert.equal(polls(api).length, whilePausing, 'no polls once paused');
    assert.equal(clock.pending, 0);
    setFocus(true);
    await clock.advance(1);
    assert.equal(polls(api).length, whilePausing + 1, 'an overdue run is polled at once on focus');
    poller.dispose();
  });

  test('a deleted run is forgotten; a refused key pauses polling until resume()', async () => {
    const { clock, api, tracker, poller } = setup();
    const gone: Run = { id: 99, agentId: 1, status: 1 };
    tracker.follow(gone);
    await clock.advance(10_000);
    assert.equal(tracker.inFlight().length, 0);
    assert.equal(clock.pending, 0);

    tracker.follow(api.addRun(2, 1, 0));
    api.statusError = problem(401, 'Unauthorized');
    await clock.advance(60_000);
    assert.equal(polls(api).length, 2, 'one 404 and one 401, then nothing');
    assert.equal(clock.pending, 0);
    api.statusError = undefined;
    poller.resume();
    await clock.advance(1);
    assert.equal(polls(api).length, 3, 'the overdue run is polled at once');
    await clock.advance(10_000);
    assert.equal(polls(api).length, 4);
    poller.dispose();
  });

  test('stop: "Stopping…" until the server reports Stopping, then the finish', async () => {
    const { clock, api, tracker, poller, changes, finished } = setup();
    const run = api.addRun(1, 1, 0);
    tracker.follow(run);
    tracker.markPending(run, 'stopping');
    assert.equal(tracker.get({ agentId: 1, runId: run.id })?.pending, 'stopping');
    await api.stopRun(1, run.id);
    api.statusScript.set(run.id, [5, 8]);
    poller.pollSoon({ agentId: 1, runId: run.id });
    await clock.advance(0);
    const tracked = tracker.get({ agentId: 1, runId: run.id });
    assert.equal(tracked?.run.status, 5);
    assert.equal(tracked?.pending, undefined);
    await clock.advance(10_000);
    assert.equal(finished.length, 1);
    assert.equal(finished[0].run.status, 8);
    assert.deepEqual(
      changes.map((c) => [c.run.status, c.pending ?? '-', c.finished]),
      [[1, '-', false], [1, 'stopping', false], [5, '-', false], [8, '-', true]],
    );
    poller.dispose();
  });

  test('dispose leaves no timer and ignores a late answer', async () => {
    const { clock, api, tracker, poller, changes } = setup();
    tracker.follow(api.addRun(1, 1, 0));
    tracker.follow(api.addRun(2, 3, 0));
    assert.ok(clock.pending > 0);
    poller.dispose();
    assert.equal(clock.pending, 0);
    const before = changes.length;
    await clock.advance(60_000);
    assert.equal(polls(api).length, 0);
    assert.equal(changes.length, before);
    tracker.dispose();
  });

  test('background failures: one notification per cause (offline after 3 in a row, 401 at once) until polling succeeds', async () => {
    // The extension's BackgroundFailureNotifier: describeFailure's cause key through a NotificationGate.
    const gate = new NotificationGate();
    const notified: string[] = [];
    const failures: PollFailureSink = {
      failed: (error) => {
        const n = describeFailure(error);
        if (n && gate.shouldNotify(n.causeKey)) notified.push(n.message);
      },
      cleared: () => gate.clear(),
    };
    const { clock, api, tracker, poller } = setup({ intervalSeconds: 1, share: 1, failures });
    tracker.follow(api.addRun(1, 1, 0));
    api.statusError = new NetworkError('connect ECONNREFUSED', 'ECONNREFUSED');
    await clock.advance(1_000);
    await clock.advance(2_000);
    assert.equal(notified.length, 0, 'one or two blips are not worth a notification');
    await clock.advance(10 * 60_000);
    assert.ok(polls(api).length > 4);
    assert.equal(notified.length, 1, 'still offline: no second notification');
    assert.match(notified[0], /Cannot reach the Sequentum server/);

    api.statusError = undefined;
    await clock.advance(5 * 60_000);
    assert.equal(gate.activeCauses, 0, 'a successful poll clears the cause');
    api.statusError = problem(503, 'Service Unavailable');
    await clock.advance(10 * 60_000);
    assert.equal(notified.length, 2, 'repeated 5xx is a new cause');

    api.statusError = problem(401, 'Unauthorized');
    const before = polls(api).length;
    await clock.advance(10 * 60_000);
    assert.equal(notified.length, 3, 'a refused key is reported at once');
    assert.equal(polls(api).length - before <= 1, true, 'and polling pauses');
    poller.dispose();
  });
});
