// Several environments: the setting's validation, one client per (base URL, key), the tree's
// environment level (only with two or more), per-environment key errors, and the key commands —
// over the real client and the simulator reached as two origins (127.0.0.1 and localhost).
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../../simulator/index';
import { clearApiKey } from '../../../../src/features/credentials/clearApiKey';
import type { KeyCommandDeps } from '../../../../src/features/credentials/keyCommandDeps';
import { setApiKey } from '../../../../src/features/credentials/setApiKey';
import { createSequentumClient, type SequentumClient } from '../../../../src/core/api/client';
import { ClientProvider } from '../../../../src/core/api/clientProvider';
import type { ApiKeyInfo, ApiKeyStore } from '../../../../src/core/credentials';
import { Emitter } from '../../../../src/core/emitter';
import { environmentId, parseEnvironments } from '../../../../src/core/environments/environmentConfig';
import { EnvironmentRegistry } from '../../../../src/core/environments/environmentRegistry';
import { silentLogger } from '../../../../src/core/log';
import { DEFAULT_SETTINGS } from '../../../../src/core/settings';
import type { EnvironmentNode, SpaceNode } from '../../../../src/core/tree/nodes';
import { TreeModel } from '../../../../src/core/tree/treeModel';
import { ScriptedUi } from '../../../support/scriptedUi';
import { view } from '../../../support/treeSetup';
import { RecordingWorkbench } from '../../../support/recordingWorkbench';
import { ConfigurationError } from '../../../../src/core/api/errors';
import { describeError } from '../../../../src/core/errors/describeError';
import { openInDashboard } from '../../../../src/features/agentsTree/openInDashboard';
import type { TreeCommandDeps } from '../../../../src/features/agentsTree/treeDeps';

class MemoryKeys implements ApiKeyStore {
  private readonly changed = new Emitter<void>();
  constructor(public info?: ApiKeyInfo) {}
  get = () => Promise.resolve(this.info);
  store = (key: string) => {
    this.info = { key, source: 'secret-storage' };
    this.changed.fire();
    return Promise.resolve();
  };
  clear = () => {
    this.info = undefined;
    this.changed.fire();
    return Promise.resolve();
  };
  onDidChange = (listener: () => void) => this.changed.event(listener);
}

suite('several environments', () => {
  test('the setting: https or loopback http, unique names; bad entries are skipped with a reason', () => {
    const parsed = parseEnvironments([
      { name: 'Self-hosted EU', baseUrl: 'https://sequentum.example.eu' },
      { name: 'Local', baseUrl: 'http://localhost:5000' },
      { name: 'Plain', baseUrl: 'http://sequentum.example.com' },
      { name: 'self-hosted eu', baseUrl: 'https://other.example' },
      { name: '', baseUrl: 'https://x.example' },
      { name: 'Query', baseUrl: 'https://y.example/?a=1' },
      'nonsense',
    ]);
    assert.deepEqual(parsed.environments, [
      { id: 'env-self-hosted-eu', name: 'Self-hosted EU', baseUrl: 'https://sequentum.example.eu' },
      { id: 'env-local', name: 'Local', baseUrl: 'http://localhost:5000' },
    ]);
    assert.equal(parsed.problems.length, 5, parsed.problems.join('\n'));
    assert.match(parsed.problems[0], /environments\[2\].*unencrypted/);
    assert.match(parsed.problems[1], /used twice/);
    assert.equal(environmentId('Prod (US)'), 'env-prod-us');
    assert.deepEqual(parseEnvironments(undefined), { environments: [], problems: [], namedIds: new Set() });
  });

  suite('over the simulator', () => {
    let sim: Simulator;
    const made: SequentumClient[] = [];
    suiteSetup(async () => {
      sim = await startSimulator({ seed: 'empty', timeScale: 1000 });
    });
    suiteTeardown(() => sim.close());
    teardown(() => {
      for (const client of made.splice(0)) client.dispose();
    });

    function setup(extra: unknown) {
      let setting = extra;
      const settings = () => ({ ...DEFAULT_SETTINGS, baseUrl: sim.baseUrl });
      const create = (options: Parameters<typeof createSequentumClient>[0]) => {
        const client = createSequentumClient({ ...options, timeoutMs: 5000, retry: { maxAttempts: 1 } });
        made.push(client);
        return client;
      };
      const defaultKeys = new MemoryKeys({ key: sim.apiKey, source: 'secret-storage' });
      const extraKeys = new Map<string, MemoryKeys>();
      const defaultClients = new ClientProvider<SequentumClient>({ keys: defaultKeys, settings, create, log: silentLogger });
      const registry = new EnvironmentRegistry<SequentumClient>({
        defaultClients,
        settings,
        environmentsSetting: () => setting,
        keysFor: (env) => extraKeys.get(env.id) ?? extraKeys.set(env.id, new MemoryKeys()).get(env.id)!,
        create,
        log: silentLogger,
      });
      const tree = new TreeModel({ source: registry, log: silentLogger });
      const change = (value: unknown) => {
        setting = value;
        registry.settingsChanged();
      };
      return { registry, tree, defaultKeys, extraKeys, change, dispose: () => (tree.dispose(), registry.dispose(), defaultClients.dispose()) };
    }

    test('one environment: no extra level; two: environment nodes, each on its own client and key', async () => {
      sim.control.addSpace({ name: 'Shared Space' });
      const localhost = sim.baseUrl.replace('127.0.0.1', 'localhost');
      const s = setup([]);
      try {
        const single = await s.tree.getChildren();
        assert.ok(single.every((node) => node.kind === 'space'), 'one environment shows its spaces at the top');

        s.change([{ name: 'Self-hosted', baseUrl: localhost }]);
        const roots = (await s.tree.getChildren()) as EnvironmentNode[];
        assert.deepEqual(roots.map((node) => node.kind), ['environment', 'environment']);
        assert.deepEqual(roots.map((node) => node.env.baseUrl), [sim.baseUrl, localhost]);
        const other = roots[1];
        const missing = await s.tree.getChildren(other);
        assert.equal(view(missing[0]).label, 'No API key set', 'a missing key is an error node, not the welcome view');
        assert.deepEqual(view(missing[0]).command?.arguments, [{ envId: 'env-self-hosted' }]);

        await s.extraKeys.get('env-self-hosted')?.store(sim.apiKey);
        const spaces = (await s.tree.getChildren(other)) as SpaceNode[];
        assert.ok(spaces.some((node) => node.kind === 'space' && node.space.name === 'Shared Space'));
        assert.ok(spaces.every((node) => node.envId === 'env-self-hosted' && node.id.startsWith('env-self-hosted/')));
        assert.equal(s.tree.parentOf(spaces[0]), other, 'spaces hang under their environment');
        const [a, b] = await Promise.all([s.registry.client('default'), s.registry.client('env-self-hosted')]);
        assert.ok(a && b && a !== b, 'one client per (base URL, key)');
        assert.equal(await s.registry.client('default'), a, 'reused, not rebuilt');

        s.change([]);
        assert.equal(s.registry.clientsOf('env-self-hosted'), undefined, 'a removed environment drops its client');
        assert.equal(s.registry.environments().length, 1);
        assert.ok((await s.tree.getChildren()).every((node) => node.kind === 'space'));
      } finally {
        s.dispose();
      }
    });

    test('Open in Dashboard with an envId that names no environment says so and opens nothing (no fall back to the default URL)', async () => {
      const localhost = sim.baseUrl.replace('127.0.0.1', 'localhost');
      const s = setup([{ name: 'Self-hosted', baseUrl: localhost }]);
      try {
        assert.equal(s.registry.baseUrlOf(), sim.baseUrl);
        assert.equal(s.registry.baseUrlOf('env-self-hosted'), localhost);
        const workbench = new RecordingWorkbench();
        const deps = { tree: { baseUrl: (envId?: string) => s.registry.baseUrlOf(envId), workbench } } as unknown as TreeCommandDeps;
        await openInDashboard(deps, { agentId: 7, envId: 'env-self-hosted' });
        assert.deepEqual(workbench.external, [`${localhost}/agents/7`]);
        await assert.rejects(openInDashboard(deps, { agentId: 7, runId: 3, envId: 'env-removed' }), (error: unknown) => {
          assert.ok(ConfigurationError.is(error));
          assert.equal(error.setting, 'sequentum.environments');
          // What the command wrapper's notification says (core's one mapping).
          assert.equal(describeError(error).message, 'No environment "env-removed" in sequentum.environments.');
          return true;
        });
        assert.deepEqual(workbench.external, [`${localhost}/agents/7`], 'nothing opened for the unknown environment');
      } finally {
        s.dispose();
      }
    });

    test('Set / Clear API Key ask which environment when several are configured', async () => {
      const s = setup([{ name: 'Staging', baseUrl: 'https://staging.example' }]);
      const ui = new ScriptedUi();
      const deps = {
        ui,
        apiKeys: s.defaultKeys,
        environments: { list: () => s.registry.environments(), keysOf: (id: string) => s.registry.keysOf(id) },
        log: silentLogger,
        showLog: () => undefined,
      } as unknown as KeyCommandDeps;
      try {
        ui.answer('pick', (shown) => shown.items?.find((item) => item.label === 'Staging')?.value);
        ui.answer('askSecret', 'sk-staging-0123456789');
        await setApiKey(deps);
        assert.equal(ui.of('pick').length, 1);
        assert.match(ui.of('askSecret')[0].message, /for Staging/);
        assert.equal((await s.extraKeys.get('env-staging')?.get())?.key, 'sk-staging-0123456789');
        assert.equal((await s.defaultKeys.get())?.key, sim.apiKey, 'the default key is untouched');

        await clearApiKey(deps, { envId: 'env-staging' });
        assert.equal(ui.of('pick').length, 1, 'the argument names the environment: no question');
        assert.equal(await s.extraKeys.get('env-staging')?.get(), undefined);
      } finally {
        s.dispose();
      }
    });

    test("Set / Clear API Key from an environment node's context menu act on that environment, no question", async () => {
      const s = setup([{ name: 'Staging', baseUrl: 'https://staging.example' }]);
      const ui = new ScriptedUi();
      const deps = {
        ui,
        apiKeys: s.defaultKeys,
        environments: { list: () => s.registry.environments(), keysOf: (id: string) => s.registry.keysOf(id) },
        log: silentLogger,
        showLog: () => undefined,
      } as unknown as KeyCommandDeps;
      try {
        const nodes = (await s.tree.getChildren()).filter((node): node is EnvironmentNode => node.kind === 'environment');
        const staging = nodes.find((node) => node.env.name === 'Staging');
        assert.ok(staging, nodes.map((node) => node.id).join(', '));
        ui.answer('askSecret', 'sk-staging-node-0123456789');
        await setApiKey(deps, staging);
        assert.equal(ui.of('pick').length, 0, 'the node names the environment');
        assert.match(ui.of('askSecret')[0].message, /for Staging/);
        assert.equal((await s.extraKeys.get('env-staging')?.get())?.key, 'sk-staging-node-0123456789');
        assert.equal((await s.defaultKeys.get())?.key, sim.apiKey, 'the default key is untouched');

        await clearApiKey(deps, staging);
        assert.equal(ui.of('pick').length, 0);
        assert.equal(await s.extraKeys.get('env-staging')?.get(), undefined);
        assert.equal((await s.defaultKeys.get())?.key, sim.apiKey, 'the default key is still untouched');
      } finally {
        s.dispose();
      }
    });
  });
});
