import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Run } from '../../../../src/core/api/model';
import { healthLine, healthMarkdown, healthTooltip, roundUsual } from '../../../../src/core/health/healthText';
import { judgeRun, robustScore } from '../../../../src/core/health/runHealth';
import { generateRunHistory, type RunHistorySpec } from '../../../../simulator/runHistory';
import { evaluateRunHealth } from '../../../../bench/sections/runHealth';

const END = Date.parse('2026-11-25T06:00:00Z'); // a Wednesday

function history(spec: RunHistorySpec): Run[] {
  return generateRunHistory(spec, END).map((h, i) => ({
    id: 100 + i, agentId: 7, status: h.status, created: new Date(h.createdAt).toISOString(),
    recordsExtracted: h.records, recordsExported: h.exported, errorCount: h.errors, runTimeSec: h.seconds, pageCount: h.pages,
  }));
}

/** The last run of a history, judged against the runs before it. */
function judgeLast(runs: Run[], options = {}): ReturnType<typeof judgeRun> {
  const last = runs.at(-1);
  assert.ok(last);
  return judgeRun(last, runs.slice(0, -1), options);
}

suite('run health: robust comparison with the agent’s earlier successful runs', () => {
  test('a success with 0 records is flagged with the usual amount, rounded', () => {
    const health = judgeLast(history({ runs: 21, seed: 4, breakage: { kind: 'zeroRecords', fromRun: 20 } }));
    assert.equal(health.state, 'unusual');
    assert.equal(health.off[0]?.measure, 'records');
    assert.match(healthLine(health, 'en-US') ?? '', /^0 records — usually ≈ 1[0-9],[0-9]00$/);
  });

  test('−80 % records, ×10 errors and ×5 duration are each flagged on the first broken run', () => {
    for (const [kind, measure] of [['recordsDrop', 'records'], ['errorSpike', 'errors'], ['slow', 'duration']] as const) {
      const health = judgeLast(history({ runs: 21, seed: 9, breakage: { kind, fromRun: 20 } }));
      assert.equal(health.state, 'unusual', kind);
      assert.ok(health.off.some((check) => check.measure === measure), `${kind}: ${JSON.stringify(health.off)}`);
    }
  });

  test('a normal run is as usual; the tooltip says against how many runs', () => {
    const health = judgeLast(history({ runs: 21, seed: 4 }));
    assert.equal(health.state, 'usual');
    assert.equal(healthTooltip(health), 'as usual (compared with 20 earlier successful runs)');
    assert.equal(healthLine(health), undefined);
  });

  test('fewer than 5 earlier successful runs: no verdict, and the tooltip says so; failed runs do not count', () => {
    const runs = history({ runs: 8, seed: 4, breakage: { kind: 'zeroRecords', fromRun: 7 } });
    runs[1].status = 6;
    runs[2].status = 8;
    runs[3].status = 6;
    const health = judgeLast(runs);
    assert.deepEqual(health, { state: 'noHistory', have: 4, need: 5 });
    assert.equal(healthTooltip(health), 'not judged yet — 4 of 5 earlier successful runs needed');
  });

  test('failed and in-flight runs are not judged; sensitivity off judges nothing', () => {
    const runs = history({ runs: 21, seed: 4, breakage: { kind: 'zeroRecords', fromRun: 20 } });
    assert.equal(judgeLast(runs, { sensitivity: 'off' }).state, 'notJudged');
    const last = runs.at(-1);
    assert.ok(last);
    assert.equal(judgeRun({ ...last, status: 6 }, runs).state, 'notJudged');
    assert.equal(judgeRun({ ...last, status: 1 }, runs).state, 'notJudged');
  });

  test('only earlier runs of the same agent make the history', () => {
    const runs = history({ runs: 21, seed: 4, breakage: { kind: 'zeroRecords', fromRun: 20 } });
    const last = runs.at(-1);
    assert.ok(last);
    const otherAgent = runs.slice(0, -1).map((r) => ({ ...r, agentId: 8 }));
    assert.equal(judgeRun(last, otherAgent).state, 'noHistory');
    const later = runs.slice(0, -1).map((r, i) => ({ ...r, id: 900 + i, created: new Date(END + (i + 1) * 3_600_000).toISOString() }));
    assert.equal(judgeRun(last, later).state, 'noHistory');
  });

  test('weekly rhythm: a weekend run at half the weekday records is no alarm', () => {
    const runs = history({ runs: 40, seed: 2, noise: 0.05, weekendFactor: 0.5 });
    const weekend = runs.map((run, i) => ({ run, i })).filter(({ run }) => [0, 6].includes(new Date(run.created ?? '').getUTCDay()));
    assert.ok(weekend.length >= 8);
    for (const { run, i } of weekend.filter(({ i }) => i >= 20)) {
      assert.equal(judgeRun(run, runs.slice(i - 20, i)).state, 'usual', run.created);
    }
  });

  test('the diagnostics section names the measure that was off, by how much, and the method', () => {
    const health = judgeLast(history({ runs: 21, seed: 9, breakage: { kind: 'errorSpike', fromRun: 20 } }));
    const text = healthMarkdown(health, 'en-US') ?? '';
    assert.match(text, /## Run health/);
    assert.match(text, /\*\*Unusual\*\* — \d+ errors — usually ≈ \d/);
    assert.match(text, /\| Errors \| \d+ \| ≈ \d+ \| ×\d/);
    assert.match(text, /median absolute deviation/);
  });

  test('roundUsual keeps three significant digits', () => {
    assert.equal(roundUsual(12_437), 12_400);
    assert.equal(roundUsual(3.5), 4, 'counts are shown whole');
    assert.equal(roundUsual(987_654), 988_000);
  });

  test('bench on a small sample: at most 5 false alarms per 1,000 normal runs, every first broken run detected', () => {
    const figures = evaluateRunHealth(2, 60);
    assert.ok(figures.falseAlarms / figures.normalRuns <= 0.005, `${figures.falseAlarms} of ${figures.normalRuns}`);
    for (const d of Object.values(figures.detection)) assert.equal(d.detected, d.runs);
  });
});

suite('run health: properties (fast-check)', () => {
  const baseRun = (id: number, records: number, errors: number, hour: number): Run => ({
    id, agentId: 1, status: 10, created: new Date(Date.parse('2026-11-02T00:00:00Z') + hour * 3_600_000).toISOString(),
    recordsExtracted: records, recordsExported: records, errorCount: errors, runTimeSec: 600, pageCount: Math.max(1, Math.round(records / 25)),
  });
  const historyArb = fc.array(fc.tuple(fc.integer({ min: 1_000, max: 50_000 }), fc.integer({ min: 0, max: 20 })), { minLength: 5, maxLength: 30 });

  test('a run equal to the median of its history is never flagged', () => {
    fc.assert(fc.property(historyArb, (rows) => {
      const earlier = rows.map(([records, errors], i) => baseRun(i + 1, records, errors, i));
      const sorted = [...rows].sort((a, b) => a[0] - b[0]);
      const sortedErrors = rows.map((r) => r[1]).sort((a, b) => a - b);
      const mid = Math.floor(rows.length / 2);
      const run = baseRun(1000, sorted[mid][0], sortedErrors[mid], rows.length);
      return judgeRun(run, earlier).state !== 'unusual';
    }));
  });

  test('fewer records never makes a flagged run unflagged (monotone)', () => {
    fc.assert(fc.property(historyArb, fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 0, max: 60_000 }), (rows, a, b) => {
      const earlier = rows.map(([records], i) => baseRun(i + 1, records, 0, i));
      const [low, high] = a < b ? [a, b] : [b, a];
      const flagged = (records: number): boolean => {
        const health = judgeRun(baseRun(1000, records, 0, rows.length), earlier);
        return health.state === 'unusual' && health.off.some((c) => c.measure === 'records');
      };
      return !flagged(high) || flagged(low);
    }));
  });

  test('two wild earlier runs do not hide a 0-record run (median and MAD resist outliers)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 9_000, max: 11_000 }), { minLength: 10, maxLength: 30 }), fc.integer({ min: 0, max: 10_000_000 }), (records, wild) => {
      const earlier = records.map((r, i) => baseRun(i + 1, i < 2 ? wild : r, 0, i));
      return judgeRun(baseRun(1000, 0, 0, records.length), earlier).state === 'unusual';
    }));
  });

  test('the robust score is 0 at the median and grows with the distance', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 1e6 }), { minLength: 5, maxLength: 30 }), fc.integer({ min: 1, max: 1000 }), (values, step) => {
      const sorted = [...values].sort((a, b) => a - b);
      if (sorted.length % 2 === 0) sorted.pop();
      const mid = sorted[Math.floor(sorted.length / 2)];
      return Math.abs(robustScore('records', mid, sorted)) < 1e-9 && robustScore('records', mid + step, sorted) > 0 && robustScore('errors', mid + step, sorted) > robustScore('errors', mid, sorted);
    }));
  });
});
