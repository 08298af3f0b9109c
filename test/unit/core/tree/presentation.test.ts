import assert from 'node:assert/strict';
import type { Run } from '../../../../src/core/api/model';
import { hasToken } from '../../../../src/core/tree/contextValues';
import { formatBytes, formatDuration } from '../../../../src/core/text/format';
import type { AgentNode, FileNode, RunNode } from '../../../../src/core/tree/nodes';
import { statusIcon } from '../../../../src/core/tree/presentation';
import { NOW, view } from '../../../support/treeSetup';

function runNode(run: Partial<Run>): RunNode {
  return { id: 'r', kind: 'run', envId: 'default', agentId: 1, agentName: 'A', run: { id: 7, agentId: 1, status: 10, ...run } };
}

suite('presentation', () => {
  test('a codicon per status', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 12, 6, 7, 8, 9, 10, 11, 42, null].map((status) => statusIcon(status).iconId),
      ['sync~spin', 'sync~spin', 'sync~spin', 'clock', 'sync~spin', 'clock', 'error', 'error', 'debug-stop', 'pass', 'pass', 'debug-step-over', 'question', 'circle-outline'],
    );
  });

  test('run descriptions and contextValue tokens', () => {
    const running = view(runNode({ status: 1, startTime: new Date(NOW - 130_000).toISOString() }));
    assert.equal(running.description, 'running · 2m 10s');
    assert.ok(hasToken(running.contextValue, 'inflight') && hasToken(running.contextValue, 'run'));
    assert.ok(!hasToken(running.contextValue, 'failed'));
    const failed = view(runNode({ status: 6, errorCount: 3, message: '[x](command:evil) <b>' }));
    assert.equal(failed.description, 'failure · 3 errors');
    assert.ok(hasToken(failed.contextValue, 'failed') && !hasToken(failed.contextValue, 'inflight'));
    assert.ok(failed.tooltip.includes('\\[x\\]\\(command\\:evil\\) \\<b\\>'));
    assert.equal(view(runNode({ status: 10, recordsExtracted: 1204 })).description, 'success · 1,204 records');
    assert.equal(view(runNode({ status: 8 })).description, 'stopped');
    assert.equal(view(runNode({ status: 1 })).label, 'Run 7');
  });

  test('agent and file nodes', () => {
    const agentNode: AgentNode = { id: 'a', kind: 'agent', envId: 'default', agent: { id: 1, name: 'Prices\u001b[31m', spaceId: 1, lastStatus: null, inputParameters: {} } };
    const agentView = view(agentNode);
    assert.equal(agentView.label, 'Prices');
    assert.equal(agentView.description, 'never run');
    assert.deepEqual(agentView.contextValue.split(' ').sort(), ['agent', 'dashboard', 'startable']);
    const fileNode: FileNode = { id: 'f', kind: 'file', envId: 'default', agentId: 1, runId: 7, file: { id: 3, name: 'data.csv', fileSize: 12634 } };
    const fileView = view(fileNode);
    assert.equal(fileView.description, '12.3 KB');
    assert.equal(fileView.iconId, 'file-text');
    assert.equal(fileView.command?.id, 'sequentum.openFile');
  });

  test('durations and sizes', () => {
    assert.deepEqual([0, 45, 130, 3900, 90000, -5].map(formatDuration), ['0s', '45s', '2m 10s', '1h 05m', '1d 1h', '0s']);
    assert.deepEqual([512, 12634, 5 * 1024 * 1024].map((b) => formatBytes(b, 'en-US')), ['512 B', '12.3 KB', '5 MB']);
  });
});
