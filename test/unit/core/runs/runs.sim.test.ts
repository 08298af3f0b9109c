// The run layer over the real client and the simulator (real HTTP): commit-then-drop, a lost
// request, an exclusive agent's refusal, and following a run to its end.
import * as assert from 'node:assert/strict';
import { ProblemError } from '../../../../src/core/api/errors';
import type { SequentumClient } from '../../../../src/core/api/client';
import { systemClock } from '../../../../src/core/clock';
import { RunPoller } from '../../../../src/core/runs/runPoller';
import { RunStarter, type InFlightChoice } from '../../../../src/core/runs/runStarter';
import { RunTracker, type RunChangeEvent } from '../../../../src/core/runs/runTracker';
import type { Simulator } from '../../../../simulator/index';
import { useEmptySimulator } from '../../../support/simTree';

const START_ROUTE = 'POST /api/v1/agent/{agentId}/start';

suite('runs against the simulator', () => {
  let sim: Simulator;
  let client: SequentumClient;

  useEmptySimulator(1000, (started, startedClient) => {
    sim = started;
    client = startedClient;
  });

  function starter(tracker?: RunTracker) {
    return new RunStarter({
      api: () => Promise.resolve(client),
      clock: systemClock,
      // Short waits: the simulator commits before it drops, so the first read already sees the run.
      reconcile: { delaysMs: [20, 40, 60, 80, 100], skewMs: 60_000, maxRecords: 25 },
      onDidStart: (run) => tracker?.follow(run, 'starting'),
    });
  }
  const request = (agentId: number, answer: InFlightChoice = 'start-another') => ({
    agentId,
    askAboutInFlight: () => Promise.resolve(answer),
  });
  const counters = (agentId: number) => {
    const c = sim.control.counters();
    return { posts: c.startPostsPerAgent[String(agentId)] ?? 0, created: c.runsCreatedPerAgent[String(agentId)] ?? 0 };
  };

  test('commit-then-drop: the run is adopted; one POST, one run, no duplicate', async () => {
    const agent = sim.control.addAgent({ name: 'Drop after commit', behaviour: 'endless', isExclusive: false });
    sim.control.setFault({ route: START_ROUTE, kind: 'commitThenDrop', times: 1 });
    const outcome = await starter().start(request(agent.id));
    assert.equal(outcome.kind, 'adopted', JSON.stringify(outcome));
    assert.deepEqual(counters(agent.id), { posts: 1, created: 1 });
    const runs = await client.listRuns(agent.id);
    assert.equal(runs.length, 1);
    assert.equal(outcome.kind === 'adopted' && outcome.run.id, runs[0].id);
  });

  test('a start lost before the server acted (503): not-started after bounded reads; one POST, no run', async () => {
    const agent = sim.control.addAgent({ name: 'Lost start', behaviour: 'endless', isExclusive: false });
    sim.control.setFault({ route: START_ROUTE, kind: 'status', status: 503, times: 1 });
    const outcome = await starter().start(request(agent.id));
    assert.equal(outcome.kind, 'not-started');
    assert.equal(outcome.kind === 'not-started' && outcome.stage, 'reconcile');
    assert.deepEqual(counters(agent.id), { posts: 1, created: 0 });
  });

  test('a run in flight is found before posting; an exclusive agent refuses another with 409', async () => {
    const agent = sim.control.addAgent({ name: 'Exclusive', behaviour: 'endless', isExclusive: true });
    const live = sim.control.addRun(agent.id);
    let asked: number[] = [];
    const outcome = await starter().start({
      agentId: agent.id,
      askAboutInFlight: (runs) => {
        asked = runs.map((r) => r.id);
        return Promise.resolve('start-another');
      },
    });
    assert.deepEqual(asked, [live.id]);
    assert.equal(outcome.kind, 'not-started');
    assert.ok(outcome.kind === 'not-started' && ProblemError.is(outcome.error) && outcome.error.status === 409, String(outcome.kind === 'not-started' && outcome.error));
    assert.equal(outcome.kind === 'not-started' && outcome.stage, 'start');
    assert.deepEqual(counters(agent.id), { posts: 1, created: 0 }, 'the refused POST created nothing');
  });

  test('a started run is followed to its end; a stopped one ends Stopped; then nothing is scheduled', async () => {
    const quick = sim.control.addAgent({ name: 'Quick', behaviour: 'success', durationSec: 60, isExclusive: false });
    const endless = sim.control.addAgent({ name: 'Endless', behaviour: 'endless', isExclusive: false });
    const tracker = new RunTracker(systemClock);
    const poller = new RunPoller(tracker, {
      api: () => Promise.resolve(client),
      clock: systemClock,
      settings: () => ({ intervalSeconds: 1, budget: { requests: 600, windowSeconds: 60, share: 1 } }),
    });
    const finished: RunChangeEvent[] = [];
    const done = new Promise<void>((resolve) =>
      tracker.onDidFinishRun((event) => {
        finished.push(event);
        if (finished.length === 2) resolve();
      }),
    );
    try {
      const s = starter(tracker);
      const a = await s.start(request(quick.id));
      const b = await s.start(request(endless.id));
      assert.ok(a.kind === 'started' && b.kind === 'started');
      assert.equal(tracker.get({ agentId: endless.id, runId: b.run.id })?.pending, 'starting');
      tracker.markPending(b.run, 'stopping');
      await client.stopRun(endless.id, b.run.id);
      poller.pollSoon({ agentId: endless.id, runId: b.run.id });
      await done;
      const byAgent = new Map(finished.map((e) => [e.run.agentId, e.run.status]));
      assert.equal(byAgent.get(quick.id), 10);
      assert.equal(byAgent.get(endless.id), 8);
      assert.equal(tracker.inFlight().length, 0);
      assert.equal(poller.active, false, 'no poll scheduled once nothing is in flight');
    } finally {
      poller.dispose();
      tracker.dispose();
    }
  });
});
