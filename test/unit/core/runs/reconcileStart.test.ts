import * as assert from 'node:assert/strict';
import { AmbiguousRequestError, NetworkError, TimeoutError } from '../../../../src/core/api/errors';
import type { CarriedStartOptions, Run, StartRunOptions } from '../../../../src/core/api/model';
import { isAmbiguousStartFailure, judgeNewRuns, runCreatedAt, type AmbiguousStart } from '../../../../src/core/runs/reconcileStart';
import { startOptionMismatches } from '../../../../src/core/runs/startMatch';
import { problem } from '../../../support/builders';

const SENT = Date.parse('2026-11-29T12:00:00Z');
const SKEW = 5_000;
const at = (offsetSeconds: number) => new Date(SENT + offsetSeconds * 1000).toISOString();
const run = (id: number, created?: string, startOptions?: CarriedStartOptions): Run => ({ id, agentId: 1, status: 4, created, startOptions });
const start = (seenBefore: number[], options: StartRunOptions = {}): AmbiguousStart => ({ agentId: 1, seenBefore, sentAt: SENT, options });
const verdict = (runs: Run[], s: AmbiguousStart) => {
  const v = judgeNewRuns(runs, s, SKEW);
  return v.kind === 'ours' ? `ours ${v.run.id}` : v.kind === 'unclear' ? `unclear ${v.candidates.map((r) => r.id).join(',')}` : 'none';
};

suite('reconcileStart', () => {
  test('adopts the one new run created since the POST; runs seen before never count', () => {
    assert.equal(verdict([run(5, at(0.2)), run(2, at(-1))], start([2])), 'ours 5');
    assert.equal(verdict([run(2, at(1))], start([2])), 'none', 'seen right before the POST: not ours, however recent');
    assert.equal(verdict([run(9)], start([])), 'ours 9', 'no timestamp: new and matching is enough');
    assert.equal(verdict([run(5, at(-4))], start([])), 'ours 5', 'within the documented skew margin');
  });

  test('two new runs that could be ours (a schedule fired in the same second): unclear, oldest first — never the earliest silently', () => {
    // Today's code adopted run 4 here: the earliest new run within a 60 s skew.
    assert.equal(verdict([run(5, at(0.3)), run(4, at(0.3))], start([])), 'unclear 4,5');
    assert.equal(verdict([run(5, at(0.5)), run(4, at(0.1))], start([1])), 'unclear 4,5');
  });

  test('a new run dated before the POST beyond the margin is offered, not adopted', () => {
    // Today's code adopted it (60 s skew): it may be a teammate's start our pre-check did not list.
    assert.equal(verdict([run(5, at(-30))], start([])), 'unclear 5');
    assert.equal(verdict([run(6, at(1)), run(5, at(-30))], start([])), 'unclear 5,6');
  });

  test('a new run started with other options is someone else\'s: the matching one is ours', () => {
    const ours = { inputParameters: { url: 'https://a.example' }, parallelism: 2 };
    const teammate = run(4, at(0), { inputParameters: { url: 'https://b.example', pages: '3' }, parallelism: 2 });
    const mine = run(5, at(0), { inputParameters: { url: 'https://a.example', pages: '3' }, parallelism: 2 });
    assert.equal(verdict([mine, teammate], start([], ours)), 'ours 5', 'today: run 4, the earliest');
    assert.equal(verdict([teammate], start([], ours)), 'none', 'only a teammate\'s run: ours did not appear');
    const otherParallelism = run(4, at(0), { parallelism: 1 });
    assert.equal(verdict([otherParallelism, run(5, at(0), { parallelism: 2 })], start([], { parallelism: 2 })), 'ours 5');
  });

  test('option matching: only what we sent and the run reports; values as text; enums ignore case', () => {
    const r = run(1, at(0), { inputParameters: { pages: '3', url: 'u' }, parallelism: 2, parallelExport: 'Combined' });
    assert.deepEqual(startOptionMismatches(r, {}), []);
    assert.deepEqual(startOptionMismatches(r, { inputParameters: { pages: 3 }, parallelExport: 'combined' as 'Combined' }), []);
    assert.deepEqual(startOptionMismatches(r, { logLevel: 'Info', isExclusive: true }), [], 'not reported by the run: proves nothing');
    assert.deepEqual(startOptionMismatches(r, { parallelism: 3, inputParameters: { url: 'v', extra: 'x' } }), ['parallelism', 'inputParameters.url', 'inputParameters.extra']);
    assert.deepEqual(startOptionMismatches(run(1, at(0)), { parallelism: 3 }), [], 'a run that carries nothing');
  });

  test('zone-less server timestamps are UTC (the unit tier runs in America/New_York)', () => {
    assert.equal(process.env.TZ, 'America/New_York');
    assert.equal(runCreatedAt(run(1, '2026-11-29T12:00:00')), SENT);
    // Read as local time (today's Date.parse) the run looked five hours newer than it is.
    assert.equal(verdict([run(5, '2026-11-29T11:50:00')], start([])), 'unclear 5');
  });

  test('classifies which failures may have created a run', () => {
    const reset = new NetworkError('reset', 'ECONNRESET');
    assert.equal(isAmbiguousStartFailure(new AmbiguousRequestError('POST', '/x', reset, SENT)), true);
    assert.equal(isAmbiguousStartFailure(new TimeoutError(30_000)), true);
    assert.equal(isAmbiguousStartFailure(reset), true);
    assert.equal(isAmbiguousStartFailure(problem(502, 'Bad Gateway')), true);
    assert.equal(isAmbiguousStartFailure(new NetworkError('refused', 'ECONNREFUSED')), false);
    assert.equal(isAmbiguousStartFailure(new NetworkError('tls', 'CERT', { notSent: true })), false);
    assert.equal(isAmbiguousStartFailure(problem(409, 'Conflict')), false);
    assert.equal(isAmbiguousStartFailure(problem(400, 'Bad Request')), false);
  });
});
