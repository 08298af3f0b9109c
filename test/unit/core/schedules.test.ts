import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Schedule } from '../../../src/core/api/scheduleModel';
import { CronSyntaxError, nextCronFires, parseCron } from '../../../src/core/schedules/cron';
import { describeCron, describeSchedule, formatRelative, nextFire } from '../../../src/core/schedules/describeSchedule';

const schedule = (over: Partial<Schedule>): Schedule => ({ id: 1, agentId: 1, name: 'S', isEnabled: true, ...over });
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

suite('schedules: CRON in words and next fires', () => {
  test('common expressions in plain words', () => {
    const cases: Array<[string, string]> = [
      ['0 2 * * *', 'every day at 02:00'],
      ['*/15 * * * *', 'every 15 minutes'],
      ['0 9 * * 1,4', 'every Monday and Thursday at 09:00'],
      ['0 9 * * MON-FRI', 'every weekday at 09:00'],
      ['30 8 1 * *', 'on day 1 of the month at 08:30'],
      ['5 * * * *', 'every hour at :05'],
      ['0 */6 * * *', 'every 6 hours at :00'],
      ['* * * * *', 'every minute'],
      ['0 9,17 * * *', 'every day at 09:00 and 17:00'],
      ['15 10 * * 7', 'every Sunday at 10:15'],
      ['*/5 9-17 * * 1-5', 'every weekday, every 5 minutes from 09:00 to 17:55'],
      ['0 12 * JAN,JUL *', 'in January and July at 12:00'],
    ];
    for (const [cron, words] of cases) assert.equal(describeCron(cron, { locale: 'en-US' }), words, cron);
  });

  test('bad expressions throw CronSyntaxError naming the field', () => {
    for (const [cron, field] of [['61 * * * *', 'minute'], ['0 24 * * *', 'hour'], ['0 0 0 * *', 'day of month'], ['0 0 * FOO *', 'month'], ['*/0 * * * *', 'minute']] as const) {
      assert.throws(() => parseCron(cron), (error: unknown) => error instanceof CronSyntaxError && error.field === field, cron);
    }
    assert.throws(() => parseCron('0 2 * *'), CronSyntaxError);
    assert.throws(() => parseCron('0 0 2 * * *'), CronSyntaxError, 'six fields (seconds) are not the API\'s format');
  });

  test('next fires follow the zone\'s wall clock across DST', () => {
    // Europe/Berlin leaves summer time on 2026-10-25 at 03:00 CEST: 02:00 comes twice (00:00 and
    // 01:00 UTC) and fires once; from then on 02:00 is 01:00 UTC.
    const fires = nextCronFires(parseCron('0 2 * * *'), 'Europe/Berlin', Date.parse('2026-10-23T12:00:00Z'), 3).map(iso);
    assert.deepEqual(fires, ['2026-10-24T00:00:00.000Z', '2026-10-25T00:00:00.000Z', '2026-10-26T01:00:00.000Z']);
    assert.deepEqual(nextCronFires(parseCron('0 9 * * 1,4'), 'America/New_York', Date.parse('2026-11-30T15:00:00Z'), 2).map(iso), ['2026-12-03T14:00:00.000Z', '2026-12-07T14:00:00.000Z']);
    assert.deepEqual(nextCronFires(parseCron('0 0 30 2 *'), 'UTC', Date.parse('2026-01-01T00:00:00Z')), [], '30 February never comes');
  });

  test('property: every fire matches the expression and fires are increasing', () => {
    const field = (min: number, max: number) => fc.oneof(fc.constant('*'), fc.integer({ min, max }).map(String), fc.integer({ min: 2, max: 7 }).map((n) => `*/${n}`));
    fc.assert(
      fc.property(field(0, 59), field(0, 23), field(1, 28), fc.constantFrom('UTC', 'Europe/Berlin', 'Asia/Kolkata'), fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }), (mi, h, d, zone, after) => {
        const cron = parseCron(`${mi} ${h} ${d} * *`);
        const fires = nextCronFires(cron, zone, after, 3);
        const parts = (ms: number) => new Map(new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(ms).map((p) => [p.type, Number(p.value)]));
        let previous = after;
        for (const fire of fires) {
          const p = parts(fire);
          assert.ok(fire > previous && fire % 60_000 === 0);
          assert.ok(cron.minute.values.includes(p.get('minute') ?? -1) && cron.hour.values.includes((p.get('hour') ?? -1) % 24) && cron.dayOfMonth.values.includes(p.get('day') ?? -1));
          previous = fire;
        }
      }),
      { numRuns: 150 },
    );
  });

  test('a schedule in words: CRON with its zone, every N from a start, once on a date, unknown types', () => {
    assert.equal(describeSchedule(schedule({ kind: 'cron', cronExpression: '0 2 * * *', timezone: 'Europe/Berlin' })), 'every day at 02:00 Europe/Berlin');
    assert.equal(describeSchedule(schedule({ kind: 'every', runEvery: { count: 30, unit: 'minutes' }, startTime: '2026-11-30T14:00:00Z', timezone: 'Europe/Berlin' }), { locale: 'en-GB' }), 'every 30 minutes from 30 Nov 2026, 15:00 Europe/Berlin');
    assert.equal(describeSchedule(schedule({ kind: 'every', runEvery: { count: 1, unit: 'days' } })), 'every day');
    assert.equal(describeSchedule(schedule({ kind: 'every', runEvery: { count: 3 } })), 'every 3 (unknown unit)');
    assert.equal(describeSchedule(schedule({ kind: 'once', startTime: '2026-12-01T10:00:00Z', timezone: 'America/New_York' }), { locale: 'en-US' }), 'once on Dec 1, 2026, 05:00 America/New_York');
    assert.equal(describeSchedule(schedule({ kind: 'cron', cronExpression: 'every day', timezone: 'UTC' })), 'unreadable CRON "every day"');
    assert.equal(describeSchedule(schedule({ typeText: 'Weird', localSchedule: 'Every full moon' })), 'Every full moon');
  });

  test('next fire: the server\'s while ahead, else computed; none when paused or finished', () => {
    const now = Date.parse('2026-11-30T10:00:00Z');
    assert.equal(iso(nextFire(schedule({ kind: 'cron', cronExpression: '0 2 * * *', timezone: 'Europe/Berlin', nextRunTime: '2026-12-01T01:00:00Z' }), now)), '2026-12-01T01:00:00.000Z');
    assert.equal(iso(nextFire(schedule({ kind: 'cron', cronExpression: '0 2 * * *', timezone: 'Europe/Berlin', nextRunTime: '2026-11-29T01:00:00Z' }), now)), '2026-12-01T01:00:00.000Z');
    assert.equal(iso(nextFire(schedule({ kind: 'every', runEvery: { count: 30, unit: 'minutes' }, startTime: '2026-11-30T08:10:00Z' }), now)), '2026-11-30T10:10:00.000Z');
    assert.equal(iso(nextFire(schedule({ kind: 'every', runEvery: { count: 1, unit: 'months' }, startTime: '2026-01-31T00:00:00Z' }), now)), '2026-12-31T00:00:00.000Z', 'the 31st stays the 31st (clamped in shorter months, no drift)');
    assert.equal(nextFire(schedule({ kind: 'once', startTime: '2026-11-29T00:00:00Z' }), now), undefined);
    assert.equal(nextFire(schedule({ kind: 'cron', cronExpression: '0 2 * * *', isEnabled: false }), now), undefined);
    assert.equal(formatRelative(now + 3 * 3600_000, now, 'en'), 'in 3 hours');
    assert.equal(formatRelative(now + 25 * 60_000, now, 'en'), 'in 25 minutes');
  });
});
