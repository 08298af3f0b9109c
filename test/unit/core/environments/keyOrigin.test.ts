// A key is bound to its origin: when an environment's base URL moves to another origin, the key
// is not sent there until the person confirms; removing an environment deletes its key. Over the
// real client and the simulator reached as two origins (127.0.0.1 and localhost).
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../../simulator/index';
import { createSequentumClient, type SequentumClient } from '../../../../src/core/api/client';
import { ClientProvider } from '../../../../src/core/api/clientProvider';
import { KeyOriginError, type KeyOriginQuestion } from '../../../../src/core/api/keyOrigin';
import type { ApiKeyInfo, ApiKeyStore } from '../../../../src/core/credentials';
import { Emitter } from '../../../../src/core/emitter';
import { EnvironmentRegistry } from '../../../../src/core/environments/environmentRegistry';
import { describeError } from '../../../../src/core/errors/describeError';
import { silentLogger } from '../../../../src/core/log';
import { DEFAULT_SETTINGS } from '../../../../src/core/settings';
import type { EnvironmentNode } from '../../../../src/core/tree/nodes';
import { TreeModel } from '../../../../src/core/tree/treeModel';
import { SecretApiKeyStore } from '../../../../src/platform/secretApiKeyStore';
import { view } from '../../../support/treeSetup';

/** A key store that binds origins, like SecretApiKeyStore. */
class BindingKeys implements ApiKeyStore {
  private readonly changed = new Emitter<void>();
  constructor(public info?: ApiKeyInfo) {}
  get = () => Promise.resolve(this.info && { ...this.info });
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
  bindOrigin = (origin: string) => {
    if (this.info) this.info = { ...this.info, origin };
    return Promise.resolve();
  };
  onDidChange = (listener: () => void) => this.changed.event(listener);
}

/** The confirmation prompt, answered when the test says so. */
class ScriptedConfirm {
  readonly asked: KeyOriginQuestion[] = [];
  private answer: ((yes: boolean) => void) | undefined;
  readonly confirm = (question: KeyOriginQuestion): Promise<boolean> => {
    this.asked.push(question);
    return new Promise((resolve) => (this.answer = resolve));
  };
  say(yes: boolean): void {
    this.answer?.(yes);
    this.answer = undefined;
  }
}

const settle = <T>(promise: Promise<T>) => promise.then((value) => ({ value, error: undefined }), (error: unknown) => ({ value: undefined, error }));
const tick = () => new Promise((resolve) => setImmediate(resolve));

suite('a key is bound to its origin', () => {
  let sim: Simulator;
  let localhost: string;
  const made: SequentumClient[] = [];
  const create = (options: Parameters<typeof createSequentumClient>[0]) => {
    const client = createSequentumClient({ ...options, timeoutMs: 5000, retry: { maxAttempts: 1 } });
    made.push(client);
    return client;
  };
  /** Requests that reached the simulator with the key (either origin: it is one server). */
  const keyedRequests = () => sim.control.counters().requestsPerKey[sim.apiKey] ?? 0;

  suiteSetup(async () => {
    sim = await startSimulator({ seed: 'empty', timeScale: 1000 });
    localhost = sim.baseUrl.replace('127.0.0.1', 'localhost');
  });
  suiteTeardown(() => sim.close());
  teardown(() => {
    for (const client of made.splice(0)) client.dispose();
  });

  function defaultEnvironment(confirm?: ScriptedConfirm) {
    let baseUrl = sim.baseUrl;
    const keys = new BindingKeys({ key: sim.apiKey, source: 'secret-storage' });
    const provider = new ClientProvider<SequentumClient>({
      keys,
      settings: () => ({ ...DEFAULT_SETTINGS, baseUrl }),
      create,
      log: silentLogger,
      ...(confirm ? { confirmKeyOrigin: confirm.confirm } : {}),
    });
    let changes = 0;
    provider.onDidChange(() => changes++);
    const moveTo = (next: string) => {
      baseUrl = next;
      provider.settingsChanged();
    };
    return { keys, provider, moveTo, changes: () => changes };
  }

  test('first use binds the key; a new origin gets nothing until confirmed, then the key', async () => {
    const confirm = new ScriptedConfirm();
    const env = defaultEnvironment(confirm);
    await (await env.provider.current())?.listSpaces();
    assert.equal(env.keys.info?.origin, new URL(sim.baseUrl).origin, 'bound at first use');

    env.moveTo(`${localhost}/`);
    const before = keyedRequests();
    const refused = await settle(env.provider.current());
    assert.ok(KeyOriginError.is(refused.error), String(refused.error));
    assert.equal(refused.error.newOrigin, new URL(localhost).origin);
    // Background work asking again does not stack questions.
    await settle(env.provider.current());
    assert.equal(confirm.asked.length, 1);
    assert.deepEqual(confirm.asked[0], { environment: undefined, boundOrigin: new URL(sim.baseUrl).origin, newOrigin: new URL(localhost).origin });
    assert.equal(keyedRequests(), before, 'no request carried the key to the new origin');
    const words = describeError(refused.error);
    assert.match(words.label, /^Settings problem: The API key was set for http:\/\/127\.0\.0\.1:\d+; it is not sent to http:\/\/localhost:\d+ until you confirm\.$/);
    assert.deepEqual(words.listActions, ['openSettings']);

    const changesBefore = env.changes();
    confirm.say(true);
    await tick();
    await tick();
    assert.equal(env.changes(), changesBefore + 1, 'the tree reloads after the confirmation');
    const client = await env.provider.current();
    assert.equal(client?.endpoint.origin, new URL(localhost).origin);
    await client?.listSpaces();
    assert.equal(keyedRequests(), before + 1);
    assert.equal(env.keys.info?.origin, new URL(localhost).origin, 'bound to the confirmed origin');
    env.provider.dispose();
  });

  test('"Not Now" is not asked again until the settings change; moving back needs no question', async () => {
    const confirm = new ScriptedConfirm();
    const env = defaultEnvironment(confirm);
    await env.provider.current();
    env.moveTo(localhost);
    await settle(env.provider.current());
    confirm.say(false);
    await tick();
    for (let i = 0; i < 3; i++) assert.ok(KeyOriginError.is((await settle(env.provider.current())).error));
    assert.equal(confirm.asked.length, 1, 'declined: not asked again');

    env.moveTo(sim.baseUrl);
    assert.equal((await env.provider.current())?.endpoint.origin, new URL(sim.baseUrl).origin, 'the bound origin needs no question');
    env.moveTo(localhost);
    await settle(env.provider.current());
    assert.equal(confirm.asked.length, 2, 'a new move asks again');
    env.provider.dispose();
  });

  test('without a prompt the environment stays refused; setting the key again binds it to the current origin', async () => {
    const env = defaultEnvironment();
    await env.provider.current();
    env.moveTo(localhost);
    assert.ok(KeyOriginError.is((await settle(env.provider.current())).error));
    await env.keys.store(sim.apiKey);
    env.provider.keyChanged();
    const client = await env.provider.current();
    assert.equal(client?.endpoint.origin, new URL(localhost).origin);
    assert.equal(env.keys.info?.origin, new URL(localhost).origin);
    env.provider.dispose();
  });

  test('an extra environment: the tree shows "key needs confirmation"; removing it deletes its key, mistyping it does not', async () => {
    let setting: unknown = [{ name: 'Staging', baseUrl: sim.baseUrl }];
    const stagingKeys = new BindingKeys({ key: sim.apiKey, source: 'secret-storage' });
    const defaultClients = new ClientProvider<SequentumClient>({ keys: new BindingKeys(), settings: () => DEFAULT_SETTINGS, create, log: silentLogger });
    const registry = new EnvironmentRegistry<SequentumClient>({
      defaultClients,
      settings: () => DEFAULT_SETTINGS,
      environmentsSetting: () => setting,
      keysFor: () => stagingKeys,
      create,
      log: silentLogger,
    });
    const tree = new TreeModel({ source: registry, log: silentLogger });
    const change = (value: unknown) => {
      setting = value;
      registry.settingsChanged();
    };
    const stagingNode = async () => (await tree.getChildren()).find((node): node is EnvironmentNode => node.kind === 'environment' && node.env.name === 'Staging');
    try {
      await registry.client('env-staging');
      assert.equal(stagingKeys.info?.origin, new URL(sim.baseUrl).origin);

      change([{ name: 'Staging', baseUrl: localhost }]);
      const before = keyedRequests();
      const node = await stagingNode();
      assert.ok(node);
      const [error] = await tree.getChildren(node);
      assert.match(view(error).label, /not sent to http:\/\/localhost:\d+ until you confirm/);
      assert.equal(keyedRequests(), before);

      // Mid-edit (an unusable URL) keeps the key; removing the entry deletes it.
      change([{ name: 'Staging', baseUrl: 'http://staging.example' }]);
      await tick();
      assert.equal(stagingKeys.info?.key, sim.apiKey, 'a mistyped entry keeps its key');
      change('not a list');
      await tick();
      assert.equal(stagingKeys.info?.key, sim.apiKey, 'an unreadable setting deletes nothing');
      change([]);
      await tick();
      assert.equal(stagingKeys.info, undefined, 'a removed environment loses its key');
    } finally {
      tree.dispose();
      registry.dispose();
      defaultClients.dispose();
    }
  });

  test('SecretApiKeyStore keeps the binding next to the key; a new key and Clear drop it', async () => {
    const entries = new Map<string, string>();
    const secrets = {
      get: (key: string) => Promise.resolve(entries.get(key)),
      store: (key: string, value: string) => Promise.resolve(void entries.set(key, value)),
      delete: (key: string) => Promise.resolve(void entries.delete(key)),
      onDidChange: () => ({ dispose: () => undefined }),
    };
    const store = new SecretApiKeyStore(secrets, {}, SecretApiKeyStore.secretKeyFor('env-staging'));
    await store.store('sk-staging-0123456789');
    await store.bindOrigin('https://a.example');
    assert.deepEqual(await store.get(), { key: 'sk-staging-0123456789', source: 'secret-storage', origin: 'https://a.example' });
    await store.store('sk-staging-abcdefghij');
    assert.equal((await store.get())?.origin, undefined, 'a new key is bound again at its first use');
    await store.bindOrigin('https://b.example');
    await store.clear();
    assert.deepEqual([...entries.keys()], [], 'Clear removes the key and its binding');
  });
});
