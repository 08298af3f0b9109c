import * as assert from 'node:assert/strict';
import type { Run } from '../../../../src/core/api/model';
import { finishNotice } from '../../../../src/core/runs/finishNotice';
import { parseParametersText } from '../../../../src/core/runs/inputParameters';
import { orderByRecent } from '../../../../src/core/runs/recentAgents';
import { agentTargetOf, runTargetOf } from '../../../../src/core/runs/runTargets';
import { statusSummary } from '../../../../src/core/runs/statusSummary';

const run = (status: number, extra: Partial<Run> = {}): Run => ({ id: 42, agentId: 7, agentName: 'Products', status, ...extra });

suite('run helpers', () => {
  test('finish notices follow the setting and offer the fitting actions', () => {
    assert.deepEqual(finishNotice(run(10, { recordsExtracted: 1204 }), 'all'), {
      severity: 'info',
      message: 'Products: run #42 finished (Success · 1,204 records).',
      actions: ['Open Files', 'Open Log', 'Open in Dashboard'],
    });
    const failed = finishNotice(run(6, { message: `Timeout\n  at step ${'x'.repeat(300)}` }), 'failures');
    assert.equal(failed?.severity, 'error');
    assert.deepEqual(failed?.actions, ['Why Did It Fail?', 'Run Again', 'Open Log', 'Open in Dashboard']);
    assert.ok((failed?.message.length ?? 0) < 250 && failed?.message.startsWith('Products: run #42 failed: Timeout at step'));
    assert.equal(finishNotice(run(10), 'failures'), undefined);
    assert.equal(finishNotice(run(6), 'off'), undefined);
    assert.equal(finishNotice(run(1), 'all'), undefined);
    assert.equal(finishNotice(run(8, { agentName: undefined }), 'all')?.message, 'Agent 7: run #42 was stopped.');
  });

  test('input parameters: an object, empty (none), or a clear refusal', () => {
    assert.deepEqual(parseParametersText(' {"a": 1} '), { ok: true, value: { a: 1 } });
    assert.deepEqual(parseParametersText('  '), { ok: true, value: undefined });
    for (const garbage of ['{a: 1}', 'null', '"x"', '[]', '{"a": 1']) {
      const parsed = parseParametersText(garbage);
      assert.equal(parsed.ok, false, garbage);
    }
  });

  test('command arguments: agents and runs in every shape the callers send', () => {
    const agent = { id: 5, name: 'A', spaceId: null, lastStatus: null, inputParameters: {} };
    assert.deepEqual(agentTargetOf({ agentId: 5 }), { agentId: 5, agentName: undefined, options: undefined });
    assert.equal(agentTargetOf({ kind: 'agent', agent })?.agentName, 'A');
    assert.equal(agentTargetOf(agent)?.agentId, 5);
    assert.deepEqual(agentTargetOf({ agentId: 5, options: { parallelism: 2 } })?.options, { parallelism: 2 });
    assert.deepEqual(agentTargetOf({ agentId: 5 }, { logLevel: 'Info' })?.options, { logLevel: 'Info' });
    assert.equal(agentTargetOf(undefined), undefined);
    assert.equal(agentTargetOf({ agentId: '5' }), undefined);

    assert.deepEqual(runTargetOf({ agentId: 5, runId: 9 }), { agentId: 5, runId: 9, agentName: undefined, confirm: true });
    assert.equal(runTargetOf({ agentId: 5, runId: 9, confirm: false })?.confirm, false);
    assert.equal(runTargetOf({ kind: 'run', agentName: 'A', run: run(1) })?.agentName, 'A');
    assert.equal(runTargetOf(run(1))?.runId, 42);
    assert.equal(runTargetOf({ agentId: 5 }), undefined);
  });

  test('recent agents come first in recency order', () => {
    const items = [{ id: 1 }, { id: 2 }, { id: 3 }];
    assert.deepEqual(orderByRecent(items, [3, 99, 1]), { recent: [{ id: 3 }, { id: 1 }], rest: [{ id: 2 }] });
  });
});

suite('statusSummary', () => {
  const tracked = (id: number, pending?: 'stopping') => ({ run: { id, agentId: 1, agentName: 'Products', status: 1 }, pending, followedSince: 0 });

  test('runs in flight and requests left; hidden when idle', () => {
    const budget = { limit: 100, windowSeconds: 60, usedInWindow: 13, backgroundLimit: 20 };
    const summary = statusSummary([tracked(1), tracked(2, 'stopping')], budget, 0);
    assert.equal(summary.visible, true);
    assert.equal(summary.text, '$(sync~spin) 2 · 87/100');
    assert.match(summary.tooltip, /2 Sequentum runs in flight\nProducts #1\nProducts #2 \(stopping…\)\nAPI budget: 87 of 100 requests left in this 60 s window \(polling may use 20\)\./);
    assert.equal(statusSummary([], { ...budget, usedInWindow: 0 }, 0).visible, false);
    assert.equal(statusSummary([], undefined, 0).visible, false);
    const paused = statusSummary([], { ...budget, pausedUntil: 30_000 }, 0);
    assert.equal(paused.visible, true);
    assert.equal(paused.text, '$(cloud) · $(watch) 30s');
  });
});
