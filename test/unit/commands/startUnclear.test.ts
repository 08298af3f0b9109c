// The start command when an ambiguous start leaves runs that could be ours (a schedule fired in the
// same instant): it says so, adopts nothing, and lets the user open one or look again. Real client
// and simulator; the UI is scripted.
import * as assert from 'node:assert/strict';
import { startRun } from '../../../src/features/runs/startRun';
import type { SequentumClient } from '../../../src/core/api/client';
import type { Simulator } from '../../../simulator/index';
import { useEmptySimulator } from '../../support/simTree';
import { startHarness } from '../../support/runCommandsHarness';

/** Waits (bounded) until `done()` holds: the notifications act after the command returned. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(done(), 'the expected notification never came');
}

suite('startRun: a run that could be ours is offered, never adopted silently', () => {
  let sim: Simulator;
  let client: SequentumClient;

  useEmptySimulator(1, (started, startedClient) => {
    sim = started;
    client = startedClient;
  });

  const harness = () => startHarness(sim, client, { kind: 'commitThenDrop', foreignStart: { by: 'schedule', when: 'before' } });
  const posts = (agentId: number) => sim.control.counters().startPostsPerAgent[String(agentId)] ?? 0;

  test('both runs offered with Open and Look Again; opening one follows and shows it', async () => {
    const { h, agentId } = harness();
    const [scheduled, ours] = [500001, 500002];
    h.ui.answer('warn', `Open Run #${ours}`);
    const outcome = await startRun(h.deps, { agentId, agentName: 'Nightly' });
    assert.equal(outcome.kind, 'unclear', JSON.stringify(outcome));
    await until(() => h.shownRuns.length === 1);
    const [warning] = h.ui.of('warn');
    assert.match(warning.message, /^Nightly: the server's answer to the start was lost\. Runs #500001, #500002 appeared .*a teammate's or a schedule's, so none was adopted\. No second run was requested\.$/);
    assert.deepEqual(warning.actions, [`Open Run #${scheduled}`, `Open Run #${ours}`, 'Look Again']);
    assert.equal(h.ui.of('info').length + h.ui.of('error').length, 0, 'neither "Started" nor "did not start"');
    assert.deepEqual(h.shownRuns, [{ agentId, runId: ours }]);
    assert.deepEqual(h.tracker.inFlight().map((t) => t.run.id), [ours], 'only the chosen run is followed');
    assert.equal(posts(agentId), 1);
  });

  test('Look Again reads the runs again without a second POST, and asks again', async () => {
    const { h, agentId } = harness();
    h.ui.answer('warn', 'Look Again');
    const outcome = await startRun(h.deps, { agentId, agentName: 'Nightly' });
    assert.equal(outcome.kind, 'unclear');
    await until(() => h.ui.of('warn').length === 2);
    assert.deepEqual(h.ui.progress, ['Starting Nightly…', 'Looking for the run of Nightly…']);
    assert.equal(posts(agentId), 1, 'looking again never posts');
    assert.equal(h.tracker.inFlight().length, 0, 'dismissed: nothing followed');
    assert.equal(h.shownRuns.length, 0);
  });
});
