import assert from 'node:assert/strict';
import { nextCronFire, parseCron as simulatorCron, type CronSpec } from '../../../../simulator/cron';
import { nextFireOf } from '../../../../simulator/schedules';
import { nextCronFires, parseCron } from '../../../../src/core/schedules/cron';
import { nextFire } from '../../../../src/core/schedules/describeSchedule';

const iso = (ms: number | null | undefined): string | undefined => (ms === null || ms === undefined ? undefined : new Date(ms).toISOString());

/** The simulator's fires after `after`, one by one from each previous fire (as it fires them). */
function simulatorFires(expression: string, zone: string, after: number, count: number): string[] {
  const spec = simulatorCron(expression) as CronSpec;
  const fires: string[] = [];
  for (let at: number | undefined = after; fires.length < count; ) {
    at = nextCronFire(spec, zone, at);
    if (at === undefined) break;
    fires.push(iso(at)!);
  }
  return fires;
}

suite('next fires: the client and the simulator agree across DST and month ends', () => {
  test('clocks going forward: 02:30 Berlin does not exist on 29 March 2026 and fires on neither side', () => {
    const after = Date.UTC(2026, 2, 27, 12);
    const client = nextCronFires(parseCron('30 2 * * *'), 'Europe/Berlin', after, 3).map((ms) => iso(ms));
    assert.deepEqual(client, ['2026-03-28T01:30:00.000Z', '2026-03-30T00:30:00.000Z', '2026-03-31T00:30:00.000Z']);
    assert.deepEqual(simulatorFires('30 2 * * *', 'Europe/Berlin', after, 3), client);
  });

  test('clocks going back: 02:30 Berlin comes twice on 25 October 2026 and fires once, asked in one call or fire by fire', () => {
    const after = Date.UTC(2026, 9, 24, 12);
    const client = nextCronFires(parseCron('30 2 * * *'), 'Europe/Berlin', after, 3).map((ms) => iso(ms));
    assert.deepEqual(client, ['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z', '2026-10-27T01:30:00.000Z']);
    assert.deepEqual(simulatorFires('30 2 * * *', 'Europe/Berlin', after, 3), client);
    // Between the two 02:30s: the next fire is the next day's, on both sides.
    const between = Date.UTC(2026, 9, 25, 0, 45);
    assert.equal(iso(nextCronFires(parseCron('30 2 * * *'), 'Europe/Berlin', between)[0]), '2026-10-26T01:30:00.000Z');
    assert.deepEqual(simulatorFires('30 2 * * *', 'Europe/Berlin', between, 1), ['2026-10-26T01:30:00.000Z']);
    // Every hour: both 02:00s fire (25 runs that day), as in Vixie cron.
    const hourly = nextCronFires(parseCron('0 * * * *'), 'Europe/Berlin', Date.UTC(2026, 9, 24, 22, 30), 25).map((ms) => iso(ms));
    assert.equal(hourly.length, 25);
    assert.deepEqual(simulatorFires('0 * * * *', 'Europe/Berlin', Date.UTC(2026, 9, 24, 22, 30), 25), hourly);
  });

  test('a year of fires, fire by fire and in one call, for DST zones and month-end expressions', () => {
    for (const expression of ['30 2 * * *', '0 2 * * 0', '*/30 1-3 * * *', '0 0 31 * *', '0 0 29 2 *', '15 3 * * 1-5', '0 * * * *']) {
      for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'UTC']) {
        const after = Date.UTC(2026, 0, 1);
        // Within the client's five-year search window (`0 0 31 * *` fires 7 times a year).
        const count = expression === '0 * * * *' ? 400 : expression === '0 0 29 2 *' ? 1 : 30;
        const client = nextCronFires(parseCron(expression), zone, after, count).map((ms) => iso(ms));
        assert.deepEqual(simulatorFires(expression, zone, after, count), client, `${expression} in ${zone}`);
      }
    }
  });

  test('every N months from a month end: the month\'s last day when it is shorter, on both sides', () => {
    const anchor = Date.UTC(2026, 0, 31, 10);
    const clientFires: string[] = [];
    const simulatorFiresList: string[] = [];
    let client = anchor;
    let simulator = anchor;
    for (let i = 0; i < 6; i++) {
      client = nextFire({ id: 1, agentId: 1, name: 'x', kind: 'every', isEnabled: true, startTime: iso(anchor), runEvery: { count: 1, unit: 'months' } }, client)!;
      simulator = nextFireOf({ name: 'x', scheduleType: 2, timezone: 'UTC', startTime: anchor, runEveryCount: 1, runEveryUnit: 'months', isEnabled: true, options: {}, created: anchor }, simulator)!;
      clientFires.push(iso(client)!);
      simulatorFiresList.push(iso(simulator)!);
    }
    assert.deepEqual(clientFires.map((at) => at.slice(0, 10)), ['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30', '2026-07-31']);
    assert.deepEqual(simulatorFiresList, clientFires);
  });
});
