import * as assert from 'node:assert/strict';
import { normaliseServerTime, parseServerTime } from '../../../../src/core/api/serverTime';
import { parseRuns } from '../../../../src/core/api/wire';

const TEN_UTC = Date.UTC(2026, 10, 30, 10, 0, 0);

suite('server timestamps', () => {
  test('a date-time without a zone is UTC, whatever the local zone (here America/New_York)', () => {
    assert.equal(process.env.TZ, 'America/New_York', 'the unit tier runs outside UTC');
    assert.notEqual(Date.parse('2026-11-30T10:00:00'), TEN_UTC, 'JavaScript alone reads it as local time');
    assert.equal(parseServerTime('2026-11-30T10:00:00'), TEN_UTC);
    assert.equal(parseServerTime('2026-11-30 10:00:00'), TEN_UTC);
    assert.equal(parseServerTime('2026-11-30T10:00'), TEN_UTC);
    assert.equal(parseServerTime('2026-11-30T10:00:00.1234567'), TEN_UTC + 123, '.NET seven-digit fractions');
  });

  test('zoned timestamps keep their zone; dates alone and garbage are left alone', () => {
    assert.equal(parseServerTime('2026-11-30T10:00:00Z'), TEN_UTC);
    assert.equal(parseServerTime('2026-11-30T12:00:00+02:00'), TEN_UTC);
    assert.equal(parseServerTime('2026-11-30T05:00:00.5-0500'), TEN_UTC + 500);
    assert.equal(normaliseServerTime('2026-11-30T10:00:00.1234567z'), '2026-11-30T10:00:00.123Z');
    assert.equal(normaliseServerTime('2026-11-30'), '2026-11-30');
    assert.equal(normaliseServerTime('yesterday'), 'yesterday');
    assert.equal(parseServerTime('yesterday'), undefined);
    assert.equal(parseServerTime(undefined), undefined);
  });

  test('the wire layer normalises run times once, so every Date.parse after it is right', () => {
    const [run] = parseRuns([{ id: 1, configId: 2, status: 1, created: '2026-11-30T10:00:00', startTime: '2026-11-30T10:00:05.25', endTime: null }], 'runs', 2);
    assert.equal(run.created, '2026-11-30T10:00:00Z');
    assert.equal(Date.parse(run.startTime ?? ''), TEN_UTC + 5250);
    assert.equal(run.endTime, undefined);
  });

  test('runs carry the start options they report, read leniently', () => {
    const [run, bare] = parseRuns(
      [
        { id: 1, configId: 2, status: 1, parallelism: 2, parallelExport: 'Combined', inputParameters: '{"url":"https://a.example"}', logLevel: 5, isExclusive: 'yes' },
        { id: 2, configId: 2, status: 1, inputParameters: '{not json' },
      ],
      'runs',
      2,
    );
    assert.deepEqual(run.startOptions, { parallelism: 2, parallelExport: 'Combined', inputParameters: { url: 'https://a.example' } });
    assert.equal(bare.startOptions, undefined, 'odd members do not fail the list');
  });
});
