import * as assert from 'node:assert/strict';
import { AmbiguousRequestError, NetworkError, TimeoutError } from '../../../../src/core/api/errors';
import type { Run } from '../../../../src/core/api/model';
import { isAmbiguousStartFailure, pickCreatedRun } from '../../../../src/core/runs/reconcileStart';
import { problem } from './fakeApi';

const SENT = Date.parse('2026-11-29T12:00:00Z');
const at = (offsetSeconds: number) => new Date(SENT + offsetSeconds * 1000).toISOString();
const run = (id: number, created?: string): Run => ({ id, agentId: 1, status: 4, created });

suite('reconcileStart', () => {
  test('adopts only runs not seen before and created since the request (with skew)', () => {
    const runs = [run(5, at(3)), run(4, at(-30)), run(3, at(-600)), run(2, at(1))];
    assert.equal(pickCreatedRun(runs, new Set([2]), SENT, 60_000)?.id, 4, 'earliest qualifying run, within the skew');
    assert.equal(pickCreatedRun(runs, new Set([2, 4]), SENT, 10_000)?.id, 5);
    assert.equal(pickCreatedRun([run(3, at(-600))], new Set(), SENT, 60_000), undefined, 'too old');
    assert.equal(pickCreatedRun([run(9)], new Set(), SENT, 60_000)?.id, 9, 'no timestamp: new id is enough');
    assert.equal(pickCreatedRun([run(9)], new Set([9]), SENT, 60_000), undefined);
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
