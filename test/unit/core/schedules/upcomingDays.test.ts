import * as assert from 'node:assert/strict';
import type { UpcomingFire } from '../../../../src/core/api/scheduleModel';
import { groupUpcoming, nextDayKey } from '../../../../src/core/schedules/upcomingDays';

/** One enabled fire at an instant. */
const fire = (scheduleId: number, nextRunTime: string): UpcomingFire => ({ scheduleId, agentId: 1, scheduleName: `S${scheduleId}`, nextRunTime, isEnabled: true });
const labels = (fires: UpcomingFire[], now: string, timeZone?: string) =>
  groupUpcoming(fires, { now: Date.parse(now), days: 7, locale: 'en-US', ...(timeZone ? { timeZone } : {}) }).map((day) => `${day.key} ${day.label}`);

// The unit tier runs in America/New_York (test/unit/nonUtcTimeZone.ts): without a timeZone the
// grouping uses it, as the extension uses the user's zone. 2026: clocks go forward on Sunday 8 March
// (a 23-hour day) and back on Sunday 1 November (a 25-hour day).
suite('Upcoming: days are calendar days in the user\'s zone, also around daylight saving', () => {
  test('the unit tier really is in a zone with daylight saving', () => {
    assert.equal(new Date('2026-03-08T04:30:00Z').getTimezoneOffset(), 300);
    assert.equal(new Date('2026-03-09T04:30:00Z').getTimezoneOffset(), 240);
  });

  test('the evening before the 23-hour day: its fires are Tomorrow, the day after is named (24 h from now is already two days on)', () => {
    // 23:30 EST on Saturday 7 March; 24 hours later it is 00:30 EDT on Monday 9 March.
    const now = '2026-03-08T04:30:00Z';
    const fires = [fire(1, '2026-03-08T04:45:00Z'), fire(2, '2026-03-08T14:00:00Z'), fire(3, '2026-03-09T04:15:00Z')];
    assert.deepEqual(labels(fires, now), ['2026-03-07 Today', '2026-03-08 Tomorrow', '2026-03-09 Monday, Mar 9']);
  });

  test('early on the 25-hour day: the next morning is Tomorrow (24 h from now is still today)', () => {
    // 00:30 EDT on Sunday 1 November; 24 hours later it is 23:30 EST the same Sunday.
    const now = '2026-11-01T04:30:00Z';
    const fires = [fire(1, '2026-11-02T04:15:00Z'), fire(2, '2026-11-02T14:00:00Z'), fire(3, '2026-11-03T14:00:00Z')];
    assert.deepEqual(labels(fires, now), ['2026-11-01 Today', '2026-11-02 Tomorrow', '2026-11-03 Tuesday, Nov 3']);
  });

  test('an explicit zone is used instead of the process zone (Berlin springs forward on 29 March)', () => {
    // 23:30 CET on Saturday 28 March in Berlin (still the afternoon in New York).
    const now = '2026-03-28T22:30:00Z';
    const fires = [fire(1, '2026-03-29T08:00:00Z'), fire(2, '2026-03-29T22:15:00Z')];
    assert.deepEqual(labels(fires, now, 'Europe/Berlin'), ['2026-03-29 Tomorrow', '2026-03-30 Monday, Mar 30']);
    assert.deepEqual(labels(fires, now), ['2026-03-29 Tomorrow'], 'in New York both fall on Sunday 29 March');
  });

  test('the next calendar day crosses months, years and leap days', () => {
    assert.equal(nextDayKey('2026-03-08'), '2026-03-09');
    assert.equal(nextDayKey('2026-11-01'), '2026-11-02');
    assert.equal(nextDayKey('2026-12-31'), '2027-01-01');
    assert.equal(nextDayKey('2028-02-28'), '2028-02-29');
    assert.equal(nextDayKey('2027-02-28'), '2027-03-01');
  });
});
