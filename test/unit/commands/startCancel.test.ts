// Start Run against a server that does not answer the POST: the progress has a Cancel button; Cancel
// abandons the wait, never posts again, reads the agent's runs for the run the POST may have created
// and says what came of it. Real client and simulator (a hanging start route); the UI is scripted.
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../simulator/index';
import type { SequentumClient } from '../../../src/core/api/client';
import type { Agent } from '../../../src/core/api/model';
import { systemClock } from '../../../src/core/clock';
import { RunStarter } from '../../../src/core/runs/runStarter';
import { startRun } from '../../../src/features/runs/startRun';
import { runCommandsHarness, startHarness } from '../../support/runCommandsHarness';
import { useEmptySimulator } from '../../support/simTree';

const LIST_RUNS = 'GET /api/v1/agent/{agentId}/runs';

/** Waits (bounded, 10 s) until `done()` holds. */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(done(), `never happened: ${what}`);
}

suite('Start Run: cancelling the wait for a hanging start asks the runs list, never posts again', () => {
  let sim: Simulator;
  let client: SequentumClient;
  useEmptySimulator(1, (started, startedClient) => {
    sim = started;
    client = startedClient;
  });

  function harness(fault: 'hang' | 'commitThenHang') {
    const { h, agentId } = startHarness(sim, client, { kind: fault });
    // From the palette: the agent pick, then "Start with these options".
    h.ui.answer('pick', (shown) => shown.items?.find((item) => (item.value as Agent).id === agentId)?.value, 'start');
    return { h, agentId };
  }
  const posts = (agentId: number) => sim.control.counters().startPostsPerAgent[String(agentId)] ?? 0;
  const runReads = () => sim.control.counters().requestsPerRoute[LIST_RUNS] ?? 0;

  /** Starts from the palette and presses Cancel once the POST reached the server. */
  async function startAndCancel(h: ReturnType<typeof harness>['h'], agentId: number) {
    const outcome = startRun(h.deps);
    await until(() => posts(agentId) === 1, 'the POST reached the server');
    const [progress] = h.ui.progressShown;
    assert.equal(progress?.cancellable, true, 'the start shows a Cancel button');
    assert.deepEqual(progress.reports, ['checking for a run in flight…', "waiting for the server's answer (Cancel stops waiting; no second run is requested)…"]);
    const readsBeforeCancel = runReads();
    h.ui.cancelProgress();
    return { outcome: await outcome, readsBeforeCancel };
  }

  test('no run was created: it may not have started, says so, and Retry is offered (no second POST)', async () => {
    const { h, agentId } = harness('hang');
    const { outcome, readsBeforeCancel } = await startAndCancel(h, agentId);
    assert.equal(outcome.kind, 'not-started', JSON.stringify(outcome));
    assert.equal(outcome.kind === 'not-started' && outcome.stage, 'reconcile');
    assert.equal(runReads() - readsBeforeCancel, 3, 'the runs list was read once per reconcile delay');
    assert.deepEqual(h.ui.progress, ['Starting Nightly…', 'Checking whether Nightly started…']);
    await until(() => h.ui.of('error').length + h.ui.of('warn').length === 1, 'the outcome was told');
    const [told] = [...h.ui.of('error'), ...h.ui.of('warn')];
    assert.match(told.message, /^Nightly may not have started: you stopped waiting for the answer and no run that could be this start's appeared yet\. No second request was sent/);
    assert.ok(told.actions?.includes('Retry'), JSON.stringify(told.actions));
    assert.equal(posts(agentId), 1, 'never posted again');
  });

  test('the server created the run: it is found in the runs list, followed and named', async () => {
    const { h, agentId } = harness('commitThenHang');
    const { outcome } = await startAndCancel(h, agentId);
    assert.equal(outcome.kind, 'adopted', JSON.stringify(outcome));
    const runId = outcome.kind === 'adopted' ? outcome.run.id : -1;
    assert.equal(h.tracker.get({ agentId, runId })?.pending, 'starting', 'the adopted run is followed');
    await until(() => h.ui.of('info').length === 1, 'the outcome was told');
    assert.equal(h.ui.of('info')[0].message, `Nightly: you stopped waiting for the answer, but run #${runId} was created and is being followed. No second run was requested.`);
    assert.equal(posts(agentId), 1, 'never posted again');
  });

  test('the server created the run and a teammate started one too: the unclear notice says the user stopped waiting, not that the answer was lost', async () => {
    const { h, agentId } = harness('commitThenHang');
    const outcome = startRun(h.deps);
    await until(() => posts(agentId) === 1, 'the POST reached the server');
    sim.control.foreignStart(agentId, { by: 'teammate' });
    h.ui.cancelProgress();
    const settled = await outcome;
    assert.equal(settled.kind, 'unclear', JSON.stringify(settled));
    await until(() => h.ui.of('warn').length === 1, 'the outcome was told');
    const [told] = h.ui.of('warn');
    assert.match(told.message, /^Nightly: you stopped waiting for the answer to the start\. Runs #\d+, #\d+ appeared at about that time/);
    assert.doesNotMatch(told.message, /was lost/);
    assert.equal(posts(agentId), 1, 'never posted again');
  });

  test('Cancel before the POST left (the duplicate check hangs): nothing is sent, and the user is told', async () => {
    const h = runCommandsHarness(client);
    const starter = new RunStarter({ api: () => Promise.resolve(client), clock: systemClock });
    h.deps.runs.starter = () => Promise.resolve(starter);
    const agentId = sim.control.addAgent({ name: 'Nightly' }).id;
    sim.control.setFault({ route: LIST_RUNS, kind: 'hang', times: 1 });
    const outcome = startRun(h.deps, { agentId, agentName: 'Nightly' });
    await until(() => runReads() === 1, 'the duplicate check reached the server');
    h.ui.cancelProgress();
    assert.equal((await outcome).kind, 'cancelled');
    assert.equal(posts(agentId), 0);
    assert.deepEqual(h.ui.progress, ['Starting Nightly…'], 'nothing to look for');
    assert.equal(h.ui.of('info')[0]?.message, 'Nightly: start cancelled before it was sent. No run was requested.');
  });
});
