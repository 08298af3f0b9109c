import * as assert from 'node:assert/strict';
import { NeighbourPressure } from '../../../../src/core/api/neighbourPressure';

const WINDOW_MS = 60_000;

suite('Polite neighbour: what counts as a hold', () => {
  test('an answer far slower than typical is a hold whatever the window length (an evenly spread neighbour holds ours for a fraction of a window)', () => {
    const pressure = new NeighbourPressure();
    for (let i = 0; i < 20; i++) pressure.observeAnswer(40, i * 100, WINDOW_MS);
    // At 90 of 100 per minute, a neighbour's requests free a slot every 0.67 s: a queue of ten holds
    // ours for up to about 6.7 s — a tenth of the window or less. It was not counted as a hold.
    assert.equal(pressure.isHold(2_000), true, 'a 2 s answer where 40 ms is typical');
    pressure.observeAnswer(2_000, 5_000, WINDOW_MS);
    assert.equal(pressure.yielding(5_000, WINDOW_MS), true, 'background yields after it');
  });

  test('an answer a few times the typical one, or under the floor, is not a hold', () => {
    const pressure = new NeighbourPressure();
    for (let i = 0; i < 20; i++) pressure.observeAnswer(100, i * 100, WINDOW_MS);
    assert.equal(pressure.isHold(240), false, 'under the 250 ms floor');
    assert.equal(pressure.isHold(450), false, 'under 5× the typical answer');
    assert.equal(pressure.yielding(3_000, WINDOW_MS), false);
  });
});
