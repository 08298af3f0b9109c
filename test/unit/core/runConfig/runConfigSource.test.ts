import assert from 'node:assert/strict';
import type { Run } from '../../../../src/core/api/model';
import { describeEntryRun, EntryRunStates, formatAgo, isRunConfigStartArgs } from '../../../../src/core/runConfig/runConfigSource';

suite('EntryRunStates', () => {
  const source = { uri: 'file:///w/a.sequentum.json', entryIndex: 0 };
  const run = (status: number): Run => ({ id: 9, agentId: 4711, status });

  test('follows a started run to its finish and describes it', () => {
    let now = 1_000_000;
    const states = new EntryRunStates(() => now);
    assert.equal(states.recordStart(source, { kind: 'cancelled' }, 4711), false);
    assert.equal(states.recordStart(source, { kind: 'started', run: run(3) }, 4711), true);
    assert.equal(states.get(source)?.outcome, 'in-flight');
    assert.equal(describeEntryRun(states.get(source)!, now), 'run 9: starting');
    assert.equal(states.recordRun({ id: 10, agentId: 4711, status: 6 }), false, 'another run does not count');
    assert.equal(states.recordRun(run(6)), true);
    now += 3 * 60_000;
    assert.equal(describeEntryRun(states.get(source)!, now), 'last run: failure 3m ago');
    states.recordStart(source, { kind: 'not-started', error: new Error('x') }, 4711);
    assert.equal(describeEntryRun(states.get(source)!, now), 'last start: refused just now');
    states.forgetFile(source.uri);
    assert.equal(states.get(source), undefined);
  });

  test('formatAgo and argument checks', () => {
    assert.equal(formatAgo(10_000), 'just now');
    assert.equal(formatAgo(2 * 3_600_000), '2h ago');
    assert.equal(formatAgo(3 * 86_400_000), '3d ago');
    assert.equal(isRunConfigStartArgs({ agentId: 1, options: {}, source: { uri: 'u', entryIndex: 0 } }), true);
    assert.equal(isRunConfigStartArgs({ agentId: 1 }), false);
  });
});
