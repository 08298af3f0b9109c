import * as assert from 'node:assert/strict';
import { createSequentumClient, type SequentumClient } from '../../../src/core/api/client';
import { silentLogger } from '../../../src/core/log';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { ProblemError } from '../../../src/core/api/errors';
import type { Agent, Run } from '../../../src/core/api/model';
import { deleteRun } from '../../../src/features/runs/deleteRun';
import { runAgain } from '../../../src/features/runs/runAgain';
import { runAllInSpace } from '../../../src/features/runs/runAllInSpace';
import type { Simulator } from '../../../simulator/index';
import type { Shown } from '../../support/scriptedUi';
import { runCommandsHarness } from '../../support/runCommandsHarness';
import { useEmptySimulator } from '../../support/simTree';

suite('Run Again, Delete Run, Run All in Space (commands over the simulator)', () => {
  let sim: Simulator;
  let client: SequentumClient;
  useEmptySimulator(1000, (s, c) => {
    sim = s;
    client = c;
  });

  /** A finished run of an agent, started through the API with these options. */
  async function finishedRun(options: Record<string, unknown>, agent = sim.control.addAgent({ name: 'Products', inputParameters: { url: 'https://shop.example.com', pages: '1' } })) {
    const run = await client.startRun(agent.id, options);
    sim.control.advanceClock(1_000_000);
    return { agent, run };
  }

  test('Run Again repeats the run: same agent, same input parameters and every start option it reports, through the start path', async () => {
    sim.control.setVariants({ runInputs: true });
    const options = { inputParameters: { url: 'https://shop.example.com/sale', pages: '7' }, parallelism: 3, parallelMaxConcurrency: 2, parallelExport: 'Separated' as const, logLevel: 'Warning' as const, logMode: 'TextAndHtml' as const, isExclusive: false, isWaitOnFailure: true, proxyPoolId: 2 };
    const { agent, run } = await finishedRun(options);
    const h = runCommandsHarness(client);
    sim.control.resetCounters();

    const outcome = await runAgain(h.deps, { agentId: agent.id, runId: run.id, agentName: 'Products' });

    assert.equal(outcome.kind, 'started');
    const again = outcome.kind === 'started' ? outcome.run : undefined;
    assert.ok(again && again.id !== run.id);
    // What the server recorded for the new run is what the old one had.
    const read = await client.getRunStatus(agent.id, again.id);
    assert.deepEqual(read.startOptions, { ...options, inputParameters: options.inputParameters });
    const counters = sim.control.counters();
    assert.equal(counters.startPostsPerAgent[agent.id], 1, 'one POST');
    assert.ok((counters.requestsPerRoute['GET /api/v1/agent/{agentId}/runs'] ?? 0) >= 1, 'the duplicate-run check ran before the POST');
    assert.match(h.ui.of('info').at(-1)?.message ?? '', /Started Products: run #/);
  });

  test('Run Again on a run in flight starts nothing and says why; with a run in flight of the agent the duplicate check asks first', async () => {
    const agent = sim.control.addAgent({ name: 'Busy', behaviour: 'endless', durationSec: 10_000 });
    const live = await client.startRun(agent.id, {});
    const h = runCommandsHarness(client);
    assert.equal((await runAgain(h.deps, { agentId: agent.id, runId: live.id })).kind, 'cancelled');
    assert.match(h.ui.of('info')[0].message, /still in flight \((Queuing|Starting|Running)\); Run Again repeats a finished run/);

    const old = sim.control.addRun(agent.id, { status: 10 });
    h.ui.answer('ask', undefined);
    assert.equal((await runAgain(h.deps, { agentId: agent.id, runId: old.id })).kind, 'cancelled');
    assert.match(h.ui.of('ask')[0].message, /Busy already has a run in flight/);
    assert.equal(sim.control.counters().startPostsPerAgent[agent.id], 1, 'only the first start was ever posted');
  });

  test('Delete Run asks first, deletes the finished run and its files, and tells the tree', async () => {
    const { agent, run } = await finishedRun({});
    const h = runCommandsHarness(client);
    h.ui.answer('ask', undefined, 'Delete Run');
    assert.equal(await deleteRun(h.deps, { agentId: agent.id, runId: run.id }), undefined, 'dismissed: nothing deleted');
    assert.ok(sim.control.getRun(run.id));
    const deleted = await deleteRun(h.deps, { agentId: agent.id, runId: run.id });
    assert.equal(deleted?.id, run.id);
    assert.match(h.ui.of('ask')[0].message, /Delete Products: run #\d+\?/);
    assert.equal((h.ui.of('ask')[0].options as { modal?: boolean }).modal, true);
    assert.equal(sim.control.getRun(run.id), undefined);
    assert.deepEqual(h.runsChanged, [agent.id]);
    await assert.rejects(client.getRunStatus(agent.id, run.id), (error: unknown) => ProblemError.is(error) && error.problem.status === 404);
  });

  test('Delete Run whose answer was lost: the repeated DELETE finds the run gone (404) and that counts as deleted', async () => {
    const { agent, run } = await finishedRun({});
    // The extension's client repeats a DELETE (idempotent); the suite's client tries once.
    const retrying = createSequentumClient({
      baseUrl: sim.baseUrl,
      apiKey: sim.apiKey,
      settings: { ...DEFAULT_SETTINGS, baseUrl: sim.baseUrl, rateLimit: { requests: 10_000, windowSeconds: 60 } },
      log: silentLogger,
      timeoutMs: 5000,
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const h = runCommandsHarness(retrying);
    // The server deletes the run, then the connection drops; DELETE is repeated and answers 404.
    sim.control.setFault({ route: 'DELETE agent/{id}/run/{runId}', kind: 'commitThenDrop', times: 1 });
    const deleted = await deleteRun(h.deps, { agentId: agent.id, runId: run.id, confirm: false });
    assert.equal(deleted?.id, run.id);
    assert.equal(sim.control.counters().requestsPerRoute['DELETE /api/v1/agent/{agentId}/run/{runId}'], 2, 'the first attempt deleted, the repeat found it gone');
    assert.equal(sim.control.getRun(run.id), undefined);
    assert.deepEqual(h.runsChanged, [agent.id]);
    assert.match(h.ui.of('info').at(-1)?.message ?? '', /Deleted Products: run #\d+\./);
  });

  test('Delete Run from the palette: an agent, then one of its finished runs (runs in flight are not offered)', async () => {
    const { agent, run } = await finishedRun({});
    const live = sim.control.addRun(agent.id, { status: 1 });
    const h = runCommandsHarness(client);
    let offered: number[] = [];
    const agentPick = (shown: Shown) => shown.items?.find((item) => (item.value as Agent).id === agent.id)?.value;
    h.ui.answer('pick', agentPick, (shown: Shown) => {
      offered = (shown.items ?? []).map((item) => (item.value as Run).id);
      return shown.items?.find((item) => (item.value as Run).id === run.id)?.value;
    });
    h.ui.answer('ask', 'Delete Run');
    const deleted = await deleteRun(h.deps);
    assert.equal(deleted?.id, run.id);
    assert.deepEqual(offered, [run.id], `only the finished run, not #${live.id}`);
    assert.equal(sim.control.getRun(run.id), undefined);
  });

  test('Delete Run on a run in flight is refused before any request, with what to do; the server refuses it too (409)', async () => {
    const agent = sim.control.addAgent({ name: 'Live', behaviour: 'endless', durationSec: 10_000 });
    const run = await client.startRun(agent.id, {});
    const h = runCommandsHarness(client);
    sim.control.resetCounters();
    assert.equal(await deleteRun(h.deps, { agentId: agent.id, runId: run.id }), undefined);
    assert.match(h.ui.of('warn')[0].message, /run #\d+ is still in flight \(\w+\)\. Stop it first; a run in flight cannot be deleted\./);
    assert.equal(h.ui.of('ask').length, 0, 'no confirmation for something that cannot be done');
    assert.equal(sim.control.counters().requestsPerRoute['DELETE /api/v1/agent/{agentId}/run/{runId}'], undefined);
    await assert.rejects(client.deleteRun(agent.id, run.id), (error: unknown) => ProblemError.is(error) && error.problem.status === 409 && /stop it before deleting/.test(error.problem.detail ?? ''));
  });

  test('Run All in Space says how many, asks, starts in one request and shows each agent: started, or failed with the server\'s reason', async () => {
    const space = sim.control.addSpace({ name: 'Retail' });
    const a = sim.control.addAgent({ name: 'Alpha', spaceId: space.id });
    const b = sim.control.addAgent({ name: 'Beta', spaceId: space.id, isExclusive: true, behaviour: 'endless', durationSec: 10_000 });
    sim.control.addAgent({ name: 'Gamma [link](command:x) $(zap)', spaceId: space.id, validationStatus: 2 });
    await client.startRun(b.id, {});
    const h = runCommandsHarness(client);
    h.ui.answer('ask', 'Start 3 Agents');
    h.ui.answer('warn', 'Show Results');
    h.ui.answer('pick', (shown) => shown.items?.[0].value);

    const result = await runAllInSpace(h.deps, { spaceId: space.id, spaceName: 'Retail' });

    assert.match(h.ui.of('ask')[0].message, /Start all 3 agents of Retail\?/);
    assert.equal(result?.agentsStarted, 1);
    assert.equal(result?.agentsFailed, 2);
    assert.equal(sim.control.counters().requestsPerRoute['POST /api/v1/spaces/{spaceId}/run-all'], 1);
    const started = result?.results.find((line) => line.agentId === a.id);
    assert.ok(started?.success && started.runId !== undefined);
    assert.ok(h.tracker.get({ agentId: a.id, runId: started.runId }), 'the started run is followed');
    await new Promise((resolve) => setImmediate(resolve));
    assert.match(h.ui.of('warn')[0].message, /Retail: started 1 of 3 agents; 2 failed\./);
    const items = h.ui.of('pick')[0].items ?? [];
    assert.deepEqual(items.map((item) => item.description), [`started · run #${started.runId}`, 'failed', 'failed']);
    assert.match(items[1].detail ?? '', /runs exclusively and run \d+ is still/);
    // Server text in a quick pick: no icon can form.
    assert.ok(items[2].label.includes('\\$(zap)'));
    assert.match(items[2].detail ?? '', /invalid configuration/);
    assert.deepEqual(h.shownRuns, [{ agentId: a.id, runId: started.runId }], 'picking a started agent opens its run');
  });

  test('Run All in Space: dismissing the question starts nothing', async () => {
    const space = sim.control.addSpace({ name: 'Empty-ish' });
    sim.control.addAgent({ name: 'Solo', spaceId: space.id });
    const h = runCommandsHarness(client);
    assert.equal(await runAllInSpace(h.deps, { spaceId: space.id }), undefined);
    assert.match(h.ui.of('ask')[0].message, /Start the 1 agent of Space \d+\?/);
    assert.equal(sim.control.counters().requestsPerRoute['POST /api/v1/spaces/{spaceId}/run-all'], undefined);
  });
});
