import * as assert from 'node:assert/strict';
import { MAX_STRETCHED_INTERVAL_MS, minPollGapMs, runPollIntervalMs } from '../../../../src/core/runs/pollInterval';

const budget = { requests: 100, windowSeconds: 60, share: 0.2 };
const interval = (inFlight: number, runAgeMinutes: number, baseSeconds = 10) =>
  runPollIntervalMs({ baseSeconds, inFlight, runAgeMs: runAgeMinutes * 60_000, budget });

suite('pollInterval', () => {
  test('the share gives the smallest gap between polls; share 0 means no polling', () => {
    assert.equal(minPollGapMs(budget), 3000);
    assert.equal(minPollGapMs({ ...budget, share: 1 }), 600);
    assert.equal(minPollGapMs({ ...budget, share: 0 }), Infinity);
  });

  test('the base interval for one young run, stretched by runs in flight and by age', () => {
    assert.equal(interval(1, 0), 10_000);
    assert.equal(interval(4, 0), 20_000);
    assert.equal(interval(1, 5), 20_000);
    assert.equal(interval(1, 30), 40_000);
    assert.equal(interval(1, 600), 80_000);
    assert.equal(interval(100, 600), MAX_STRETCHED_INTERVAL_MS);
  });

  test('never faster than the share allows for all runs together, even past the stretch cap', () => {
    // 200 runs × 3 s gap = 600 s: the share wins over the 5-minute cap.
    assert.equal(interval(200, 600), 600_000);
    assert.equal(interval(10, 0, 1), 30_000);
  });
});
