import assert from 'node:assert/strict';
import { scheduleDocumentDiagnostics } from '../../../../src/core/schedules/scheduleDocumentChecks';
import { readScheduleDocument } from '../../../../src/core/schedules/scheduleDocument';
import { scheduleHover, timeZoneNames, timeZoneSlot } from '../../../../src/core/schedules/scheduleDocumentAssist';

const marked = (text: string) => scheduleDocumentDiagnostics(text).map((d) => ({ at: text.slice(d.range.start, d.range.end), severity: d.severity, code: d.code?.value }));

suite('schedule document checks while typing', () => {
  test('a CRON text that cannot be read is an error on its value, in words', () => {
    const text = '{ "name": "N", "scheduleType": "CRON", "cronExpression": "0 25 * * *", "timezone": "UTC" }';
    assert.deepEqual(marked(text), [{ at: '"0 25 * * *"', severity: 'error', code: 'cron-syntax' }]);
    assert.match(scheduleDocumentDiagnostics(text)[0].message, /hour field's '25' is outside 0–23/);
  });

  test('an unknown zone is a warning (the server may know more); names are checked, not numbers', () => {
    const text = '{ "name": "N", "scheduleType": "RunEvery", "runEveryCount": 2, "runEveryPeriod": 1, "timezone": "Mars/Olympus" }';
    assert.deepEqual(marked(text), [
      { at: '1', severity: 'error', code: 'schedule-document' },
      { at: '"Mars/Olympus"', severity: 'warning', code: 'unknown-time-zone' },
    ]);
  });

  test('a valid document has none, and reads as the request it describes', () => {
    const text = '{ "name": "Half-hourly", "scheduleType": "runevery", "runEveryCount": 30, "runEveryPeriod": "minutes", "timezone": "Europe/Berlin", "logLevel": "Error", "inputParameters": { "q": 1 } }';
    assert.deepEqual(marked(text), []);
    assert.deepEqual(readScheduleDocument(JSON.parse(text)).input, {
      name: 'Half-hourly', kind: 'every', timezone: 'Europe/Berlin', runEvery: { count: 30, unit: 'minutes' }, inputParameters: { q: 1 }, options: { logLevel: 'Error' },
    });
  });
});

/** Markdown escapes removed, to read the hover as a person does. */
const plain = (markdown: string | undefined): string => (markdown ?? '').replace(/\\(.)/g, '$1');

suite('schedule document hover and zone completion', () => {
  const now = Date.UTC(2026, 10, 30, 8, 0);
  const doc = '{ "name": "N", "scheduleType": "CRON", "cronExpression": "0 2 * * *", "timezone": "Europe/Berlin" }';

  test('hovering the CRON text: the words and the next five runs in the zone', () => {
    const hover = scheduleHover(doc, doc.indexOf('0 2'), now, 'en-GB');
    assert.ok(hover);
    assert.equal(doc.slice(hover.range.start, hover.range.end), '"0 2 * * *"');
    const lines = plain(hover.markdown).split('\n');
    assert.equal(lines[0], '**Runs every day at 02:00 Europe/Berlin**');
    const fires = lines.filter((line) => line.startsWith('- '));
    assert.equal(fires.length, 5);
    assert.equal(fires[0], '- 1 Dec 2026, 02:00 (in 17 hours)');
    assert.match(fires[4], /5 Dec 2026, 02:00/);
  });

  test('an unreadable CRON says why; other fields have no hover', () => {
    const broken = doc.replace('0 2 * * *', '0 2 * *');
    assert.match(plain(scheduleHover(broken, broken.indexOf('0 2'), now)?.markdown), /cannot be read: A CRON expression has 5 fields/);
    assert.equal(scheduleHover(doc, doc.indexOf('"N"'), now), undefined);
  });

  test('RunEvery: the next five runs step from the start', () => {
    const every = '{ "name": "N", "scheduleType": "RunEvery", "runEveryCount": 30, "runEveryPeriod": "Minutes", "startTime": "2026-11-30T09:00:00Z", "timezone": "UTC" }';
    const fires = plain(scheduleHover(every, every.indexOf('30,'), now, 'en-GB')?.markdown).split('\n').filter((line) => line.startsWith('- '));
    assert.deepEqual(fires.map((line) => /\d\d:\d\d/.exec(line)?.[0]), ['09:00', '09:30', '10:00', '10:30', '11:00']);
  });

  test('zone completion: replaces the whole quoted value; every IANA zone and UTC are offered', () => {
    const slot = timeZoneSlot(doc, doc.indexOf('Berlin'));
    assert.ok(slot);
    assert.equal(doc.slice(slot.range.start, slot.range.end), '"Europe/Berlin"');
    assert.equal(timeZoneSlot(doc, doc.indexOf('"timezone"') + 2), undefined, 'not on the key');
    assert.ok(timeZoneNames().includes('UTC') && timeZoneNames().includes('America/New_York'));
  });
});
