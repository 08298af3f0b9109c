import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Run } from '../../../../src/core/api/model';
import { judgeRun } from '../../../../src/core/health/runHealth';
import { shapeAgentInsights, utcDays, type AgentCostByDay } from '../../../../src/core/insights/agentInsights';
import { median, medianAbsoluteDeviation, usualRange } from '../../../../src/core/insights/usualRange';

const T0 = Date.parse('2026-01-10T08:00:00Z');

function run(id: number, fields: Partial<Run> = {}): Run {
  const start = new Date(T0 + id * 3_600_000).toISOString();
  return { id, agentId: 7, status: 10, startTime: start, recordsExtracted: 1000 + id, errorCount: 1, runTimeSec: 60, ...fields };
}

suite('agent insights: usual range', () => {
  test('median and MAD of odd and even counts', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(median([])));
    // |x − 3| = 2, 0, 0, 1, 97 → median 1
    assert.equal(medianAbsoluteDeviation([1, 3, 3, 4, 100]), 1);
  });

  test('median ± 3 × 1.4826 × MAD; one wild value hardly moves it', () => {
    const band = usualRange([100, 102, 98, 101, 99, 100_000]);
    assert.ok(band);
    assert.equal(band.median, 100.5);
    assert.equal(band.count, 6);
    const half = 3 * 1.4826 * 1.5;
    assert.ok(Math.abs(band.high - (100.5 + half)) < 1e-9, `high ${band.high}`);
    assert.ok(Math.abs(band.low - (100.5 - half)) < 1e-9, `low ${band.low}`);
  });

  test('no range with fewer than 5 values; identical values still get a visible band; never below 0', () => {
    assert.equal(usualRange([1, 2, 3, 4]), undefined);
    assert.deepEqual(usualRange([200, 200, 200, 200, 200]), { median: 200, low: 190, high: 210, count: 5 });
    assert.equal(usualRange([0, 0, 0, 1, 50])?.low, 0);
    assert.equal(usualRange([0, 0, 0, 0, 0])?.high, 0);
  });

  test('property: the median is inside the band and the band ignores non-finite values', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e9, noNaN: true }), { minLength: 5, maxLength: 60 }), (values) => {
        const band = usualRange([...values, Number.NaN, Number.POSITIVE_INFINITY]);
        assert.ok(band);
        assert.equal(band.count, values.length);
        assert.ok(band.low <= band.median && band.median <= band.high);
        assert.ok(band.low >= 0);
      }),
    );
  });
});

suite('agent insights: runs and billing → series', () => {
  test('finished runs oldest first, in-flight runs left out, cost joined by run id', () => {
    const runs = [run(3), run(2, { status: 1 }), run(1, { status: 6, recordsExtracted: 0 })];
    const insights = shapeAgentInsights({ agent: { id: 7, name: 'Prices' }, runs, runCosts: [{ runId: 3, cost: 2.5 }, { runId: 99, cost: 9 }] });
    assert.deepEqual(insights.runs.map((r) => [r.runId, r.status, r.outcome, r.records, r.cost]), [
      [1, 'Failure', 'failed', 0, null],
      [3, 'Success', 'succeeded', 1003, 2.5],
    ]);
    assert.equal(insights.runs[1]?.startedAt, T0 + 3 * 3_600_000);
  });

  test('a measure the server did not send is a gap (null), not 0; duration falls back to end − start', () => {
    const runs = [
      run(1, { recordsExtracted: undefined, errorCount: undefined, runTimeSec: undefined, endTime: new Date(T0 + 3_600_000 + 90_000).toISOString() }),
      run(2, { runTimeSec: undefined, endTime: undefined, startTime: undefined, created: new Date(T0).toISOString() }),
      run(3, { startTime: undefined, created: undefined }),
    ];
    const insights = shapeAgentInsights({ agent: { id: 7, name: 'x' }, runs });
    assert.deepEqual(insights.runs.map((r) => [r.runId, r.records, r.errors, r.durationSec]), [
      [2, 1002, 1, null],
      [1, null, null, 90],
    ]);
  });

  test('bands per measure over successful runs only, once there are 5 of them', () => {
    const good = [1, 2, 3, 4, 5].map((id) => run(id, { recordsExtracted: 12_000 + id * 100, runTimeSec: 600, errorCount: 2 }));
    const broken = run(6, { status: 6, recordsExtracted: 0, runTimeSec: 6000, errorCount: 500 });
    const insights = shapeAgentInsights({
      agent: { id: 7, name: 'x' },
      runs: [...good, broken],
      runCosts: [1, 2, 3, 4].map((runId) => ({ runId, cost: 3 })),
    });
    assert.equal(insights.bands.records?.median, 12_300);
    assert.equal(insights.bands.records?.count, 5);
    assert.equal(insights.bands.duration?.median, 600);
    // Errors on run health's Anscombe scale: identical counts get its spread floor (σ = 1) × 3.5.
    assert.ok(Math.abs((insights.bands.errors?.high ?? 0) - ((2 * Math.sqrt(2.375) + 3.5) ** 2 / 4 - 0.375)) < 1e-9, JSON.stringify(insights.bands.errors));
    assert.equal(insights.bands.errors?.low, 0);
    assert.equal(insights.bands.cost, undefined, 'only 4 runs have a cost');
    assert.ok((insights.bands.records?.low ?? 0) > 0, 'the broken run does not drag the band to 0');
  });

  test('the band is the range run health judges by: a run it flags as off lies outside the band', () => {
    const noise = [0.97, 1.02, 0.99, 1.04, 0.96, 1.01, 1.03, 0.98, 1.0, 0.95, 1.05, 0.99];
    const good = noise.map((factor, i) => run(i + 1, { recordsExtracted: Math.round(12_400 * factor), runTimeSec: Math.round(900 * factor), errorCount: 3 }));
    const broken = run(20, { recordsExtracted: 2480, runTimeSec: 5 * 900, errorCount: 30 });
    const health = judgeRun(broken, good);
    assert.equal(health.state, 'unusual');
    const off = health.state === 'unusual' ? health.off.map((check) => check.measure) : [];
    const { bands } = shapeAgentInsights({ agent: { id: 7, name: 'x' }, runs: good });
    for (const [measure, value] of [['records', 2480], ['duration', 4500], ['errors', 30]] as const) {
      const band = bands[measure];
      assert.ok(band, measure);
      assert.ok(off.includes(measure), `${measure} flagged`);
      assert.ok(value < band.low || value > band.high, `${measure} ${value} outside ${band.low}–${band.high}`);
    }
    assert.ok((bands.records?.low ?? 0) < 11_780 && (bands.records?.high ?? 0) > 13_020, 'every good run inside');
  });

  test('cost by day: usage types summed per day, every day of the window present, the rest ignored', () => {
    const window = utcDays(Date.parse('2026-01-05T17:30:00Z'), 5);
    assert.deepEqual(window, ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05']);
    const costByDay: AgentCostByDay = {
      labels: ['2026-01-02', '2026-01-04T00:00:00Z', 'total', '2025-12-01'],
      usage: [
        { data: [1.5, 2, 100, 7] },
        { data: [0.25, null, 100, 7] },
      ],
    };
    const insights = shapeAgentInsights({ agent: { id: 7, name: 'x' }, runs: [], costByDay, window });
    assert.deepEqual(insights.days.map((d) => [d.day, d.cost]), [
      ['2026-01-01', 0],
      ['2026-01-02', 1.75],
      ['2026-01-03', 0],
      ['2026-01-04', 2],
      ['2026-01-05', 0],
    ]);
    assert.equal(insights.days[1]?.startMs, Date.parse('2026-01-02T00:00:00Z'));
    assert.equal(insights.dayBand?.median, 0);
  });

  test('no billing: no days, no cost band; the agent name is made plain', () => {
    const insights = shapeAgentInsights({ agent: { id: 7, name: 'Evil\u202e<b>name</b>\u0007' }, runs: [run(1)], window: utcDays(T0, 3) });
    assert.deepEqual(insights.days, []);
    assert.equal(insights.dayBand, undefined);
    assert.equal(insights.agentName, 'Evil<b>name</b>', 'kept as text (the webview shows it as text), control and bidi removed');
  });
});
