import assert from 'node:assert/strict';
import { scheduleDocumentDiagnostics } from '../../../../src/core/schedules/scheduleDocumentChecks';
import { readScheduleDocument } from '../../../../src/core/schedules/scheduleDocument';

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
