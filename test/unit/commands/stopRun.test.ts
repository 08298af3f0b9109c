import * as assert from 'node:assert/strict';
import { killRun } from '../../../src/features/runs/killRun';
import { showRunsInFlight } from '../../../src/features/runs/showRunsInFlight';
import { stopRun } from '../../../src/features/runs/stopRun';
import { problem } from '../../support/builders';
import { runCommandsHarness } from '../../support/runCommandsHarness';

suite('stopRun / killRun commands', () => {
  test('palette: pick a run in flight, confirm, stop; "Stopping…" until the server says so', async () => {
    const h = runCommandsHarness();
    const run = { ...h.api.addRun(3, 1), agentName: 'Products' };
    h.tracker.follow(run);
    h.ui.answer('pick', (shown) => shown.items?.[0].value).answer('ask', 'Stop Run');
    const stopped = await stopRun(h.deps);
    assert.equal(stopped?.id, run.id);
    assert.match(h.ui.of('pick')[0].items?.[0].label ?? '', new RegExp(`Products #${run.id}`));
    const ask = h.ui.of('ask')[0];
    assert.match(ask.message, new RegExp(`Stop Products: run #${run.id}\\?`));
    assert.equal((ask.options as { modal?: boolean }).modal, true);
    assert.equal(h.api.count('stopRun', 'user'), 1);
    assert.equal(h.tracker.get({ agentId: 3, runId: run.id })?.pending, 'stopping');
    assert.deepEqual(h.polledSoon, [{ agentId: 3, runId: run.id }]);
  });

  test('declining the confirmation sends nothing; no runs in flight says so', async () => {
    const h = runCommandsHarness();
    assert.equal(await stopRun(h.deps), undefined);
    assert.match(h.ui.of('info')[0].message, /No runs in flight/);
    const run = h.api.addRun(3, 1);
    assert.equal(await killRun(h.deps, { agentId: 3, runId: run.id }), undefined, 'modal dismissed');
    assert.equal(h.api.count('killRun'), 0);
    assert.equal(h.tracker.get({ agentId: 3, runId: run.id })?.pending, undefined);
  });

  test('tree run node unknown to the tracker: reads its status, kills after confirmation', async () => {
    const h = runCommandsHarness();
    const run = h.api.addRun(6, 1);
    h.ui.answer('ask', 'Kill Run');
    await killRun(h.deps, { kind: 'run', agentId: 6, agentName: 'Zeta', run: { ...run } });
    assert.equal(h.api.count('killRun'), 1);
    assert.equal(h.tracker.get({ agentId: 6, runId: run.id })?.pending, 'killing');
    assert.match(h.ui.of('ask')[0].message, /Kill Zeta: run #/);
    assert.match(String(h.ui.of('ask')[0].options && (h.ui.of('ask')[0].options as { detail?: string }).detail), /do not respond to Stop/);
  });

  test('a finished run is not stopped; a refused stop clears "Stopping…" and surfaces the error', async () => {
    const h = runCommandsHarness();
    const done = h.api.addRun(2, 10);
    assert.equal(await stopRun(h.deps, { agentId: 2, runId: done.id }), undefined);
    assert.match(h.ui.of('info')[0].message, /not in flight \(Success\)/);

    const run = h.api.addRun(2, 1);
    h.tracker.follow(run);
    h.api.stopRun = () => Promise.reject(problem(409, 'Run is not running'));
    h.ui.answer('ask', 'Stop Run');
    await assert.rejects(stopRun(h.deps, { agentId: 2, runId: run.id }), /Run is not running/);
    assert.equal(h.tracker.get({ agentId: 2, runId: run.id })?.pending, undefined);
  });

  test('confirm: false (scripts) stops without the modal', async () => {
    const h = runCommandsHarness();
    const run = h.api.addRun(3, 1);
    await stopRun(h.deps, { agentId: 3, runId: run.id, confirm: false });
    assert.equal(h.ui.of('ask').length, 0);
    assert.equal(h.api.count('stopRun'), 1);
  });

  test('status-bar pick: run, then action', async () => {
    const h = runCommandsHarness();
    const run = h.api.addRun(3, 1);
    h.tracker.follow(run);
    h.ui.answer('pick', (shown) => shown.items?.[0].value, 'dashboard');
    await showRunsInFlight(h.deps);
    assert.deepEqual(h.executed, [{ command: 'sequentum.openInDashboard', args: [{ agentId: 3, runId: run.id }] }]);
  });
});
