// Never the wrong run: an ambiguous start (answer lost after sending) next to a teammate's start or
// a schedule's fire on the same agent in the same instant, over the real client and the simulator.
// Each test failed on the code before this change, which adopted the earliest new run within 60 s.
import * as assert from 'node:assert/strict';
import type { SequentumClient } from '../../../../src/core/api/client';
import type { Run, StartRunOptions } from '../../../../src/core/api/model';
import { systemClock } from '../../../../src/core/clock';
import { RunStarter, type InFlightChoice, type StartOutcome } from '../../../../src/core/runs/runStarter';
import type { Simulator } from '../../../../simulator/index';
import type { FaultKind } from '../../../../simulator/faults';
import type { ForeignStartOnRequest } from '../../../../simulator/foreignStarts';
import { useEmptySimulator } from '../../../support/simTree';

const START_ROUTE = 'POST /api/v1/agent/{agentId}/start';
const DEFAULT_URL = 'https://default.example';

suite('ambiguous starts next to a teammate or a schedule (simulator)', () => {
  let sim: Simulator;
  let client: SequentumClient;

  useEmptySimulator(1, (started, startedClient) => {
    sim = started;
    client = startedClient;
  });

  function agent(): number {
    return sim.control.addAgent({ name: 'Shared agent', behaviour: 'endless', isExclusive: false, inputParameters: { url: DEFAULT_URL } }).id;
  }

  /** Our start, with its POST answer lost by `kind`, and a foreign start in the same instant. */
  async function start(agentId: number, kind: FaultKind, foreignStart: ForeignStartOnRequest, options: StartRunOptions = {}, ask?: (runs: readonly Run[]) => Promise<InFlightChoice>) {
    sim.control.setFault({ route: START_ROUTE, kind, times: 1, foreignStart });
    const adoptedOrStarted: Run[] = [];
    const starter = new RunStarter({
      api: () => Promise.resolve(client),
      clock: systemClock,
      reconcile: { delaysMs: [20, 40, 60, 80, 100], skewMs: 5_000, maxRecords: 25 },
      onDidStart: (run) => adoptedOrStarted.push(run),
    });
    const outcome = await starter.start({ agentId, options, askAboutInFlight: ask ?? (() => Promise.resolve('start-another')) });
    const c = sim.control.counters();
    const runs = await client.listRuns(agentId, 25);
    return { outcome, adoptedOrStarted, runs, posts: c.startPostsPerAgent[String(agentId)] ?? 0, created: c.runsCreatedPerAgent[String(agentId)] ?? 0 };
  }

  const ids = (runs: readonly Run[]) => runs.map((run) => run.id).sort((a, b) => a - b);
  const describe = (outcome: StartOutcome) => JSON.stringify(outcome);

  test('a schedule fires in the same instant with the same options, our answer lost after commit: both offered, none adopted', async () => {
    const id = agent();
    const r = await start(id, 'commitThenDrop', { by: 'schedule', when: 'before' });
    assert.equal(r.outcome.kind, 'unclear', describe(r.outcome));
    assert.deepEqual(r.outcome.kind === 'unclear' && ids(r.outcome.candidates), ids(r.runs), 'both new runs offered');
    assert.equal(r.runs.length, 2);
    assert.deepEqual(r.adoptedOrStarted, [], 'nothing followed before the user chooses');
    assert.deepEqual([r.posts, r.created], [1, 1], 'one POST, one run of ours');
  });

  test('a teammate starts with the same options right after our commit-then-drop: unclear, not the first run silently', async () => {
    const id = agent();
    const r = await start(id, 'commitThenDrop', { by: 'teammate', when: 'after' });
    assert.equal(r.outcome.kind, 'unclear', describe(r.outcome));
    assert.equal(r.outcome.kind === 'unclear' && r.outcome.candidates.length, 2);
    assert.deepEqual(r.adoptedOrStarted, []);
  });

  test('a teammate starts with other input parameters in the same instant: our run (matching ours) is adopted, not theirs', async () => {
    sim.control.setVariants({ runInputs: true });
    const id = agent();
    const ours = { inputParameters: { url: 'https://ours.example' } };
    const r = await start(id, 'commitThenDrop', { by: 'teammate', when: 'before', inputParameters: { url: 'https://teammate.example' } }, ours);
    assert.equal(r.outcome.kind, 'adopted', describe(r.outcome));
    const adopted = r.outcome.kind === 'adopted' ? r.outcome.run : undefined;
    assert.equal(adopted?.id, Math.max(...ids(r.runs)), 'ours was created after the teammate\'s');
    assert.equal(adopted?.startOptions?.inputParameters?.url, 'https://ours.example');
    const teammate = r.runs.find((run) => run.startOptions?.inputParameters?.url === 'https://teammate.example');
    assert.ok(teammate && teammate.id !== adopted?.id && teammate.id < (adopted?.id ?? 0), 'the teammate\'s run was the earlier one');
    assert.deepEqual(r.adoptedOrStarted.map((run) => run.id), [adopted?.id]);
  });

  test('a teammate starts with another parallelism (always on the run), our answer truncated: ours adopted', async () => {
    const id = agent();
    const r = await start(id, 'truncate', { by: 'teammate', when: 'before', parallelism: 1 }, { parallelism: 2 });
    assert.equal(r.outcome.kind, 'adopted', describe(r.outcome));
    assert.equal(r.outcome.kind === 'adopted' && r.outcome.run.id, Math.max(...ids(r.runs)), 'not the teammate\'s earlier run');
    assert.equal(r.outcome.kind === 'adopted' && r.outcome.run.startOptions?.parallelism, 2);
    assert.deepEqual([r.posts, r.created], [1, 1]);
  });

  test('our start is lost unprocessed (reset) and a schedule fires with other parameters: unconfirmed, the schedule\'s run not adopted', async () => {
    sim.control.setVariants({ runInputs: true });
    const id = agent();
    const r = await start(id, 'reset', { by: 'schedule', when: 'after', inputParameters: { url: 'https://nightly.example' } }, { inputParameters: { url: 'https://ours.example' } });
    assert.equal(r.outcome.kind, 'not-started', describe(r.outcome));
    assert.equal(r.outcome.kind === 'not-started' && r.outcome.stage, 'reconcile');
    assert.ok(r.outcome.kind === 'not-started' && r.outcome.stage === 'reconcile' && r.outcome.ambiguity.seenBefore.length === 0, 'kept for Look Again');
    assert.deepEqual(r.adoptedOrStarted, []);
    assert.deepEqual([r.posts, r.created, r.runs.length], [1, 0, 1], 'only the schedule\'s run exists');
  });

  test('a teammate starts while the in-flight question is open: the runs are read again before the POST and the question asked again', async () => {
    const id = agent();
    const live = sim.control.addRun(id);
    const asked: number[][] = [];
    let teammateRun = 0;
    const r = await start(id, 'reset', { by: 'schedule', when: 'after', parallelism: 3 }, { parallelism: 1 }, (runs) => {
      asked.push(ids(runs));
      // The user leaves the dialog open; meanwhile a teammate starts the agent.
      if (asked.length === 1) teammateRun = sim.control.foreignStart(id, { by: 'teammate' }).id;
      return Promise.resolve('start-another');
    });
    assert.deepEqual(asked, [[live.id], [live.id, teammateRun].sort((a, b) => a - b)], 'asked again with the new run');
    assert.equal(r.outcome.kind, 'not-started', describe(r.outcome));
    assert.equal(r.outcome.kind === 'not-started' && r.outcome.stage, 'reconcile', 'the teammate\'s run was seen before the POST: never adopted');
    assert.deepEqual(r.adoptedOrStarted, []);
  });

  test('zone-less server times are UTC: the adopted run\'s created time is the server\'s, not shifted by the local zone', async () => {
    sim.control.setVariants({ zonelessTimes: true });
    const id = agent();
    const before = Date.now();
    const r = await start(id, 'commitThenDrop', { by: 'schedule', when: 'after', parallelism: 4 }, { parallelism: 1 });
    assert.equal(r.outcome.kind, 'adopted', describe(r.outcome));
    const created = Date.parse((r.outcome.kind === 'adopted' && r.outcome.run.created) || '');
    // Read as New York time it would be five hours off; the simulator and this test share one clock.
    assert.ok(Math.abs(created - before) < 60_000, `created ${new Date(created).toISOString()} vs sent ${new Date(before).toISOString()}`);
  });
});
