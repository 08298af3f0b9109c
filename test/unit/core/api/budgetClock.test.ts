import * as assert from 'node:assert/strict';
import { BudgetScheduler } from '../../../../src/core/api/budget';
import { systemClock, type Clock } from '../../../../src/core/clock';

/** The machine's monotonic time and timers, with a wall clock the test can move (sleep, NTP). */
class JumpingWallClock implements Clock {
  private offset = 0;
  readonly now = (): number => systemClock.now();
  readonly setTimeout: Clock['setTimeout'] = (callback, ms, keepAlive) => systemClock.setTimeout(callback, ms, keepAlive);
  wallNow(): number {
    return Date.now() + this.offset;
  }
  jump(ms: number): void {
    this.offset += ms;
  }
}

suite('Request budget: wall-clock jumps stall nothing (issue 10 §3)', () => {
  test('a full window frees on monotonic time while the wall clock jumps back 3 hours, then 6 ahead; a pause ends the same way', async () => {
    const clock = new JumpingWallClock();
    const scheduler = new BudgetScheduler({ limit: 2, windowSeconds: 1, backgroundShare: 0.5, clock });
    const answer = (responded: () => void): Promise<void> => {
      responded();
      return Promise.resolve();
    };
    try {
      await scheduler.run('user', undefined, answer); // the probe
      await scheduler.run('user', undefined, answer); // the window is full for one second
      clock.jump(-3 * 3_600_000);
      const third = scheduler.run('user', undefined, answer);
      clock.jump(+6 * 3_600_000);
      // A scheduler that timed its window by the wall clock would wait hours (the test times out).
      await third;
      scheduler.pauseFor(500);
      clock.jump(-3 * 3_600_000);
      assert.ok(scheduler.snapshot().pausedUntil !== undefined, 'paused');
      await scheduler.run('user', undefined, answer); // after the pause, not after the wall clock catches up
      assert.equal(scheduler.snapshot().pausedUntil, undefined);
    } finally {
      scheduler.dispose();
    }
  });
});
