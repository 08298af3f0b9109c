// Palette commands (no target) with several environments: which one is asked first (only when two
// or more have a key), and the command reaches that environment's server only — two simulators,
// each behind its own real client, tracker and starter.
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../simulator/index';
import type { EnvironmentKeys } from '../../../src/core/targets/chooseEnvironment';
import type { RunCommandDeps, RunsDeps } from '../../../src/features/runs/runDeps';
import type { TreeCommandDeps } from '../../../src/features/agentsTree/treeDeps';
import { openInDashboard } from '../../../src/features/agentsTree/openInDashboard';
import { startRun } from '../../../src/features/runs/startRun';
import { stopRun } from '../../../src/features/runs/stopRun';
import type { SequentumClient } from '../../../src/core/api/client';
import { ConfigurationError } from '../../../src/core/api/errors';
import type { Agent } from '../../../src/core/api/model';
import { silentLogger } from '../../../src/core/log';
import { systemClock } from '../../../src/core/clock';
import { RecentAgents } from '../../../src/core/runs/recentAgents';
import { RunStarter } from '../../../src/core/runs/runStarter';
import { RunTracker } from '../../../src/core/runs/runTracker';
import type { Environment } from '../../../src/core/environments/environmentSource';
import { realClient, treeOver } from '../../support/simTree';
import { RecordingWorkbench } from '../../support/recordingWorkbench';
import { ScriptedUi } from '../../support/scriptedUi';
import { MemoryKeys } from '../../support/memoryKeys';

function runsOver(client: SequentumClient): RunsDeps {
  const tracker = new RunTracker(systemClock);
  const state = new Map<string, unknown>();
  const starter = new RunStarter({ api: () => Promise.resolve(client), onDidStart: (run) => tracker.follow(run, 'starting') });
  return {
    api: () => Promise.resolve(client),
    starter: () => Promise.resolve(starter),
    tracker,
    pollSoon: () => undefined,
    recentAgents: new RecentAgents({
      get: <T>(key: string) => state.get(key) as T | undefined,
      update: (key, value) => Promise.resolve(void state.set(key, value)),
    }),
    openInDashboard: () => Promise.resolve(),
    showRun: () => Promise.resolve(),
    showFailure: () => Promise.resolve(false),
  };
}

const POST_START = 'POST /api/v1/agent/{agentId}/start';

suite('palette commands with several environments', () => {
  let prod: Simulator;
  let staging: Simulator;
  let prodClient: SequentumClient;
  let stagingClient: SequentumClient;

  suiteSetup(async () => {
    [prod, staging] = await Promise.all([startSimulator({ seed: 'empty', timeScale: 1000 }), startSimulator({ seed: 'empty', timeScale: 1000 })]);
    prodClient = realClient(prod.baseUrl, prod.apiKey);
    stagingClient = realClient(staging.baseUrl, staging.apiKey);
  });
  suiteTeardown(async () => {
    prodClient.dispose();
    stagingClient.dispose();
    await Promise.all([prod.close(), staging.close()]);
  });
  setup(() => {
    prod.control.reset('empty');
    staging.control.reset('empty');
  });

  /** Default = prod, `staging` = the second simulator; `stagingKey: false` leaves staging without a key. */
  function harness(options: { environments: 1 | 2; stagingKey?: boolean }) {
    const ui = new ScriptedUi();
    const defaultRuns = runsOver(prodClient);
    const stagingRuns = runsOver(stagingClient);
    const envs: Environment[] = [
      { id: 'default', name: 'Production', baseUrl: prod.baseUrl },
      { id: 'staging', name: 'Staging', baseUrl: staging.baseUrl },
    ].slice(0, options.environments);
    const stagingKeys = new MemoryKeys(options.stagingKey === false ? undefined : staging.apiKey);
    const environments: EnvironmentKeys = { list: () => envs, keysOf: (envId) => (envId === 'staging' ? stagingKeys : undefined) };
    const deps: RunCommandDeps = {
      ui,
      log: silentLogger,
      showLog: () => undefined,
      apiKeys: new MemoryKeys(prod.apiKey),
      environments,
      // As RunsFeature: the default id → the default deps, an id not configured → undefined.
      runs: { ...defaultRuns, forEnvironment: (envId) => (envId === 'staging' ? stagingRuns : envId === 'default' ? defaultRuns : undefined) },
    };
    return { ui, deps, defaultRuns, stagingRuns };
  }

  const starts = (sim: Simulator) => sim.control.counters().requestsPerRoute[POST_START] ?? 0;
  const pickAgentNamed = (name: string) => (shown: { items?: readonly { value: unknown }[] }) =>
    shown.items?.find((item) => (item.value as Agent).name === name)?.value;

  test('one environment: no environment question; the start reaches the default server', async () => {
    const agent = prod.control.addAgent({ name: 'Prod agent' });
    const h = harness({ environments: 1 });
    h.ui.answer('pick', pickAgentNamed('Prod agent'), 'start');

    const outcome = await startRun(h.deps);

    assert.equal(outcome.kind, 'started');
    assert.equal(h.ui.of('pick').length, 2, 'the agent pick and Start / Edit options');
    assert.doesNotMatch(JSON.stringify(h.ui.of('pick')[0].options), /Which environment/);
    assert.equal(prod.control.counters().runsCreatedPerAgent[String(agent.id)], 1);
    assert.equal(starts(staging), 0);
  });

  test('two environments, only one with a key: no question, that one is used', async () => {
    prod.control.addAgent({ name: 'Prod agent' });
    const h = harness({ environments: 2, stagingKey: false });
    h.ui.answer('pick', pickAgentNamed('Prod agent'), 'start');

    assert.equal((await startRun(h.deps)).kind, 'started');
    assert.equal(h.ui.of('pick').length, 2);
    assert.equal(starts(prod), 1);
    assert.equal(starts(staging), 0);
  });

  test('two environments: asked which; the chosen server receives the start, the other nothing', async () => {
    prod.control.addAgent({ name: 'Same name' });
    const stagingAgent = staging.control.addAgent({ name: 'Same name' });
    const h = harness({ environments: 2 });
    h.ui.answer('pick', (shown) => shown.items?.find((item) => (item.value as Environment).id === 'staging')?.value, pickAgentNamed('Same name'), 'start');

    const outcome = await startRun(h.deps);

    const [envPick] = h.ui.of('pick');
    assert.deepEqual(envPick.items?.map((item) => item.label), ['Production', 'Staging']);
    assert.equal(outcome.kind, 'started');
    assert.equal(staging.control.counters().runsCreatedPerAgent[String(stagingAgent.id)], 1);
    assert.equal(starts(staging), 1);
    assert.equal(starts(prod), 0, 'the other environment receives no start');
    assert.equal(prod.control.counters().requestsPerKey[prod.apiKey] ?? 0, 0, 'nor any other request');
    assert.equal(outcome.kind === 'started' && h.stagingRuns.tracker.get({ agentId: stagingAgent.id, runId: outcome.run.id })?.pending, 'starting');
    assert.equal(h.defaultRuns.tracker.inFlight().length, 0);
  });

  test('two environments: dismissing the environment question sends nothing', async () => {
    prod.control.addAgent({ name: 'A' });
    const h = harness({ environments: 2 });

    assert.equal((await startRun(h.deps)).kind, 'cancelled');
    assert.equal(h.ui.of('pick').length, 1);
    assert.equal(prod.control.counters().requestsPerKey[prod.apiKey] ?? 0, 0);
    assert.equal(staging.control.counters().requestsPerKey[staging.apiKey] ?? 0, 0);
  });

  test('two environments: stop from the palette asks which, lists that environment runs and stops there', async () => {
    const h = harness({ environments: 2 });
    const prodAgent = prod.control.addAgent({ name: 'Prod endless', behaviour: 'endless' });
    const stagingAgent = staging.control.addAgent({ name: 'Staging endless', behaviour: 'endless' });
    const onStaging = await startRun(h.deps, { agentId: stagingAgent.id, agentName: 'Staging endless', envId: 'staging' });
    const onProd = await startRun(h.deps, { agentId: prodAgent.id, agentName: 'Prod endless' });
    assert.ok(onStaging.kind === 'started' && onProd.kind === 'started');
    h.ui.shown.length = 0;
    h.ui.answer('pick', (shown) => shown.items?.find((item) => (item.value as Environment).id === 'staging')?.value, (shown) => shown.items?.[0]?.value);
    h.ui.answer('ask', 'Stop Run');

    const stopped = await stopRun(h.deps);

    const [envPick, runPick] = h.ui.of('pick');
    assert.match(JSON.stringify(envPick.options), /Which environment/);
    assert.deepEqual(runPick.items?.map((item) => item.label), [`Staging endless #${onStaging.run.id}`], 'only the chosen environment runs');
    assert.equal(stopped?.id, onStaging.run.id);
    const stopRoute = (sim: Simulator) =>
      Object.entries(sim.control.counters().requestsPerRoute).filter(([route]) => route.startsWith('POST') && route.endsWith('/stop')).reduce((n, [, c]) => n + c, 0);
    assert.equal(stopRoute(staging), 1);
    assert.equal(stopRoute(prod), 0);
  });

  test('an envId that names no configured environment: start and stop refuse with a ConfigurationError, no server gets a request', async () => {
    const h = harness({ environments: 2 });
    const prodAgent = prod.control.addAgent({ name: 'Prod endless', behaviour: 'endless' });
    const onProd = await startRun(h.deps, { agentId: prodAgent.id, agentName: 'Prod endless' });
    assert.ok(onProd.kind === 'started');
    const before = { prod: prod.control.counters().requestsPerKey[prod.apiKey] ?? 0, staging: staging.control.counters().requestsPerKey[staging.apiKey] ?? 0 };

    // A mistyped keybinding argument, or a node of an environment removed from the settings.
    await assert.rejects(startRun(h.deps, { agentId: prodAgent.id, agentName: 'Prod endless', envId: 'stagng' }), (error) => ConfigurationError.is(error) && /stagng/.test(error.message));
    await assert.rejects(stopRun(h.deps, { agentId: prodAgent.id, runId: onProd.run.id, envId: 'stagng' }), (error) => ConfigurationError.is(error));

    assert.equal(starts(prod), 1, 'only the start without envId');
    assert.equal(prod.control.counters().requestsPerKey[prod.apiKey] ?? 0, before.prod, 'the default server got nothing more');
    assert.equal(staging.control.counters().requestsPerKey[staging.apiKey] ?? 0, before.staging);
    assert.equal(h.ui.of('ask').length, 0, 'not even the stop confirmation');
  });

  test('two environments: Open in Dashboard from the palette lists the chosen environment agents and opens its dashboard', async () => {
    prod.control.addAgent({ name: 'Prod agent' });
    const stagingAgent = staging.control.addAgent({ name: 'Staging agent' });
    const h = harness({ environments: 2 });
    const workbench = new RecordingWorkbench();
    const tree: TreeCommandDeps['tree'] = {
      model: treeOver(prodClient, prod.baseUrl).model,
      api: (envId) => Promise.resolve(envId === 'staging' ? stagingClient : prodClient),
      baseUrl: (envId) => (envId === 'staging' ? staging.baseUrl : prod.baseUrl),
      reveal: () => Promise.resolve(),
      workbench,
    };
    let offered: string[] = [];
    h.ui.answer(
      'pick',
      (shown) => shown.items?.find((item) => (item.value as Environment).id === 'staging')?.value,
      (shown) => {
        offered = (shown.items ?? []).map((item) => (item.value as Agent).name);
        return shown.items?.[0]?.value;
      },
    );

    await openInDashboard({ ...h.deps, tree });

    assert.deepEqual(offered, ['Staging agent']);
    assert.deepEqual(workbench.external, [`${staging.baseUrl}/agents/${stagingAgent.id}`]);
    assert.equal(prod.control.counters().requestsPerKey[prod.apiKey] ?? 0, 0);
  });
});
