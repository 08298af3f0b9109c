import assert from 'node:assert/strict';
import { RunStatus, type Run } from '../../../../src/core/api/model';
import { RunTracker, type RunChangeEvent } from '../../../../src/core/runs/runTracker';
import { FakeClock } from '../../../support/fakeClock';

const queuing: Run = { id: 42, agentId: 7, status: RunStatus.Queuing };

suite('RunTracker', () => {
  test('a run that finished is not followed again from a list read before its finish; listeners get the final run', () => {
    const tracker = new RunTracker(new FakeClock());
    const changes: RunChangeEvent[] = [];
    const finishes: RunChangeEvent[] = [];
    tracker.onDidChangeRun((event) => changes.push(event));
    tracker.onDidFinishRun((event) => finishes.push(event));
    tracker.follow(queuing, 'starting');
    tracker.update({ ...queuing, status: RunStatus.Failure, message: 'Timeout' });
    assert.equal(finishes.length, 1);
    changes.length = 0;

    tracker.observe([queuing]);
    assert.deepEqual(tracker.inFlight(), [], 'not followed (and polled) again');
    assert.equal(finishes.length, 1, 'no second finish notification');
    assert.deepEqual(
      changes.map((event) => [event.run.status, event.run.message, event.pending, event.finished]),
      [[RunStatus.Failure, 'Timeout', undefined, false]],
      'the stale in-flight row is corrected to the final status',
    );

    // A run seen for the first time is still followed.
    tracker.observe([{ ...queuing, id: 43 }]);
    assert.deepEqual(tracker.inFlight().map((tracked) => tracked.run.id), [43]);
    tracker.dispose();
  });

  test('a Failure run restarted in place is followed again: when it started after the finish, or once the finish is old', async () => {
    const clock = new FakeClock();
    const tracker = new RunTracker(clock);
    const started = { ...queuing, startTime: '2026-11-29T11:50:00Z' };
    tracker.follow(started);
    tracker.update({ ...started, status: RunStatus.Failure, endTime: '2026-11-29T11:55:00Z' });
    tracker.observe([{ ...started, status: RunStatus.Running, startTime: '2026-11-29T11:58:00Z' }]);
    assert.deepEqual(tracker.inFlight().map((tracked) => tracked.run.status), [RunStatus.Running], 'a start after the end is a restart');

    tracker.update({ ...started, status: RunStatus.Failure, endTime: '2026-11-29T11:59:00Z' });
    tracker.observe([started]);
    assert.deepEqual(tracker.inFlight(), [], 'right after the finish the same copy is stale');
    await clock.advance(5 * 60_000);
    tracker.observe([started]);
    assert.equal(tracker.inFlight().length, 1, 'minutes later a list answer cannot be from before the finish');
    tracker.dispose();
  });
});
