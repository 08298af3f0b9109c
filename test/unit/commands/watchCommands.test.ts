// Watch / Unwatch Agent as VS Code runs them: registered by the WatchFeature through the one command
// wrapper (a fake `vscode` module answers the registry), over two real simulators (the default
// environment and "staging"), the watch list in a globalState that outlives the feature.
import { executeCommand, registeredCommands } from '../../support/fakeVscode';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../simulator/index';
import type { SequentumClient } from '../../../src/core/api/client';
import { CommandId } from '../../../src/core/commandIds';
import type { Environment } from '../../../src/core/environments/environmentSource';
import { silentLogger } from '../../../src/core/log';
import type { KeyValueStore } from '../../../src/core/runs/recentAgents';
import type { AgentNode } from '../../../src/core/tree/nodes';
import { presentNode } from '../../../src/core/tree/presentation';
import type { CommandContext } from '../../../src/platform/commandRegistry';
import type { VscodePlatform } from '../../../src/platform/vscodePlatform';
import { WatchFeature } from '../../../src/features/activity/watchFeature';
import { MemoryKeys } from '../../support/memoryKeys';
import { realClient, treeOver } from '../../support/simTree';
import { child } from '../../support/treeSetup';
import { ScriptedUi, type Shown } from '../../support/scriptedUi';

const STORE_KEY = 'sequentum.watchedAgents';

/** The profile's global state: survives the feature (a reload, another window). */
class MemoryState implements KeyValueStore {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}

suite('Watch / Unwatch Agent through the command wrapper (two environments over the simulator)', () => {
  let prod: Simulator;
  let staging: Simulator;
  let prodClient: SequentumClient;
  let stagingClient: SequentumClient;
  let ui: ScriptedUi;
  let state: MemoryState;
  let feature: WatchFeature;
  let books: number;
  let stagingAgent: number;

  const environments: Environment[] = [];

  suiteSetup(async () => {
    [prod, staging] = await Promise.all([startSimulator({ seed: 'empty' }), startSimulator({ seed: 'empty' })]);
    environments.push({ id: 'default', name: 'prod', baseUrl: prod.baseUrl }, { id: 'staging', name: 'staging', baseUrl: staging.baseUrl });
  });
  setup(() => {
    prod.control.reset('empty');
    staging.control.reset('empty');
    const ops = prod.control.addSpace({ name: 'Ops' });
    books = prod.control.addAgent({ name: 'Books', spaceId: ops.id }).id;
    prod.control.addAgent({ name: 'Prices', spaceId: ops.id });
    stagingAgent = staging.control.addAgent({ name: 'Staging Crawler', spaceId: null }).id;
    prodClient = realClient(prod.baseUrl, prod.apiKey);
    stagingClient = realClient(staging.baseUrl, staging.apiKey);
    ui = new ScriptedUi();
    state = new MemoryState();
    feature = newFeature();
  });
  teardown(() => {
    feature.dispose();
    prodClient.dispose();
    stagingClient.dispose();
  });
  suiteTeardown(() => Promise.all([prod.close(), staging.close()]));

  function newFeature(): WatchFeature {
    const commandContext: CommandContext = {
      ui, log: silentLogger, showLog: () => undefined, setApiKey: () => Promise.resolve(),
      apiKeys: new MemoryKeys(prod.apiKey),
      environments: { list: () => environments, keysOf: (envId) => (envId === 'staging' ? new MemoryKeys(staging.apiKey) : undefined) },
    };
    const platform = { context: { globalState: state } } as unknown as VscodePlatform;
    return new WatchFeature(platform, commandContext, (envId) => Promise.resolve(envId === 'staging' ? stagingClient : prodClient));
  }

  async function booksNode(): Promise<AgentNode> {
    const { model } = treeOver(prodClient, prod.baseUrl);
    return child(await model.getChildren(child(await model.getChildren(), 'Ops')), 'Books') as AgentNode;
  }
  const row = (node: AgentNode) => presentNode(node, { now: Date.now(), locale: 'en-US', isWatched: (envId, agentId) => feature.agents.has(envId, agentId) });

  test('the feature registers both commands through the wrapper', () => {
    assert.deepEqual(registeredCommands().filter((id) => /watch/i.test(id)).sort(), [CommandId.unwatchAgent, CommandId.watchAgent].sort());
  });

  test('Watch on an agent node: stored per environment, the tree row gets its star and Unwatch; Unwatch takes both back', async () => {
    const node = await booksNode();
    assert.match(row(node).contextValue, /\bwatchable\b/);
    let changes = 0;
    const subscription = feature.agents.onDidChange(() => changes++);
    await executeCommand(CommandId.watchAgent, node);
    assert.deepEqual(state.get(STORE_KEY), { default: [books] });
    assert.equal(changes, 1, 'the Agents view re-renders its rows');
    assert.match(row(node).description ?? '', /^★ watched · /);
    assert.match(row(node).contextValue, /\bwatched\b/);
    assert.match(ui.of('info')[0]?.message ?? '', /Watching Books/);

    await executeCommand(CommandId.unwatchAgent, node);
    assert.deepEqual(state.get(STORE_KEY), { default: [] });
    assert.doesNotMatch(row(node).description ?? '', /★/);
    assert.match(row(node).contextValue, /\bwatchable\b/);
    assert.equal(ui.of('error').length + ui.of('warn').length, 0);
    subscription.dispose();
  });

  test('from the palette it asks for the environment, then the agent — and the list outlives the window', async () => {
    ui.answer('pick', (shown: Shown) => shown.items?.find((item) => item.label === 'staging')?.value);
    ui.answer('pick', (shown: Shown) => shown.items?.find((item) => item.label.endsWith(' Staging Crawler'))?.value);
    await executeCommand(CommandId.watchAgent);
    const [environmentPick, agentPick] = ui.of('pick');
    assert.match(environmentPick?.message ?? '', /Watch Agent/);
    assert.deepEqual(agentPick?.items?.map((item) => item.label.replace(/^\$\([\w-]+\) /, '')), ['Staging Crawler'], 'the agents of the chosen environment');
    assert.deepEqual(state.get(STORE_KEY), { staging: [stagingAgent] });

    feature.dispose();
    feature = newFeature();
    assert.equal(feature.agents.has('staging', stagingAgent), true, 'a new window reads the same list');
    assert.equal(feature.agents.has('default', stagingAgent), false, 'lists are per environment');
  });

  test('a dismissed pick changes nothing and shows nothing', async () => {
    await executeCommand(CommandId.watchAgent);
    assert.equal(ui.of('pick').length, 1);
    assert.equal(state.get(STORE_KEY), undefined);
    assert.equal(ui.shown.filter((shown) => shown.kind !== 'pick').length, 0);
  });

  test('an environment id nobody configured is refused by the wrapper with one error, nothing stored', async () => {
    await executeCommand(CommandId.watchAgent, { agentId: 5, envId: 'nowhere' });
    assert.equal(state.get(STORE_KEY), undefined);
    const errors = [...ui.of('error'), ...ui.of('warn')];
    assert.equal(errors.length, 1);
    assert.match(errors[0]?.message ?? '', /No environment "nowhere"/);
  });
});
