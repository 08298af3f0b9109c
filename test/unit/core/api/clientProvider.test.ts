import assert from 'node:assert/strict';
import { ClientProvider, type ClientFactoryOptions, type ManagedClient } from '../../../../src/core/api/clientProvider';
import { ConfigurationError } from '../../../../src/core/api/errors';
import type { ApiKeyInfo, ApiKeyStore } from '../../../../src/core/credentials';
import { silentLogger } from '../../../../src/core/log';
import { DEFAULT_SETTINGS, type SequentumSettings } from '../../../../src/core/settings';
import { FakeApi } from '../../../support/fakeApi';

class MemoryKeys implements ApiKeyStore {
  info: ApiKeyInfo | undefined;
  /** The next get() rejects (an OS keyring that is locked or unavailable). */
  failNext = false;
  get() {
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('keyring unavailable'));
    }
    return Promise.resolve(this.info);
  }
  store(key: string) {
    this.info = { key, source: 'secret-storage' };
    return Promise.resolve();
  }
  clear() {
    this.info = undefined;
    return Promise.resolve();
  }
  onDidChange() {
    return { dispose: () => undefined };
  }
}

class FakeClient extends FakeApi implements ManagedClient {
  disposed = false;
  updates: SequentumSettings[] = [];
  constructor(readonly options: ClientFactoryOptions) {
    super();
  }
  dispose() {
    this.disposed = true;
  }
  updateSettings(settings: SequentumSettings) {
    this.updates.push(settings);
  }
}

/** Keys whose binding to an origin (a first use) waits until the test opens its gate. */
class SlowBindingKeys extends MemoryKeys {
  readonly gates: Array<() => void> = [];
  async bindOrigin(origin: string) {
    await new Promise<void>((resolve) => this.gates.push(resolve));
    if (this.info) this.info = { ...this.info, origin };
  }
}

suite('ClientProvider', () => {
  function make() {
    const keys = new MemoryKeys();
    let settings: SequentumSettings = { ...DEFAULT_SETTINGS, baseUrl: 'https://a.example' };
    const made: FakeClient[] = [];
    const provider = new ClientProvider<FakeClient>({
      keys,
      settings: () => settings,
      create: (options) => {
        if (options.baseUrl.startsWith('http://')) throw new ConfigurationError('no http', 'sequentum.baseUrl');
        const client = new FakeClient(options);
        made.push(client);
        return client;
      },
      log: silentLogger,
    });
    let changes = 0;
    provider.onDidChange(() => changes++);
    return { keys, provider, made, setSettings: (next: Partial<SequentumSettings>) => (settings = { ...settings, ...next }), changes: () => changes };
  }

  test('no key: no client; a key: one client reused until the key changes', async () => {
    const { keys, provider, made, changes } = make();
    assert.equal(await provider.current(), undefined);
    await keys.store('sk-first-key');
    provider.keyChanged();
    const first = await provider.current();
    assert.equal(await provider.current(), first);
    assert.equal(made.length, 1);
    assert.equal(first?.options.apiKey, 'sk-first-key');
    await keys.store('sk-second-key');
    provider.keyChanged();
    assert.equal(first?.disposed, true);
    assert.equal((await provider.current())?.options.apiKey, 'sk-second-key');
    assert.equal(changes(), 2);
  });

  test('a failed key lookup is not remembered: the next call (Retry) reads the key again', async () => {
    const { keys, provider } = make();
    await keys.store('sk-first-key');
    keys.failNext = true;
    await assert.rejects(provider.current(), /keyring unavailable/);
    assert.equal((await provider.current())?.options.apiKey, 'sk-first-key');
  });

  test('a new base URL rebuilds; other settings update the client in place', async () => {
    const { keys, provider, made, setSettings, changes } = make();
    await keys.store('sk-first-key');
    const first = await provider.current();
    setSettings({ rateLimit: { requests: 50, windowSeconds: 60 } });
    provider.settingsChanged();
    assert.equal(first?.updates.length, 1);
    assert.equal(changes(), 0);
    setSettings({ baseUrl: 'https://b.example' });
    provider.settingsChanged();
    assert.equal(first?.disposed, true);
    assert.equal((await provider.current())?.options.baseUrl, 'https://b.example');
    assert.equal(made.length, 2);
    setSettings({ baseUrl: 'http://remote.example' });
    provider.settingsChanged();
    await assert.rejects(provider.current(), ConfigurationError);
    provider.dispose();
    assert.equal(await provider.current(), undefined);
  });

  test('the key changes while the old key is bound at its first use: no client of the old key is kept, handed out or left undisposed', async () => {
    const keys = new SlowBindingKeys();
    const made: FakeClient[] = [];
    const provider = new ClientProvider<FakeClient>({
      keys,
      settings: () => ({ ...DEFAULT_SETTINGS, baseUrl: 'https://a.example' }),
      create: (options) => {
        const client = new FakeClient(options);
        made.push(client);
        return client;
      },
      log: silentLogger,
    });
    await keys.store('sk-old-key');
    const oldKeysCall = provider.current();
    await new Promise((resolve) => setImmediate(resolve));
    await keys.store('sk-new-key');
    provider.keyChanged();
    const newKeysCall = provider.current();
    await new Promise((resolve) => setImmediate(resolve));
    // The new key's binding ends first, the old key's last.
    keys.gates.splice(0).reverse().forEach((open) => open());
    const clients = await Promise.all([oldKeysCall, newKeysCall]);
    assert.deepEqual(clients.map((client) => client?.options.apiKey), ['sk-new-key', 'sk-new-key']);
    assert.equal((await provider.current())?.options.apiKey, 'sk-new-key');
    assert.deepEqual(made.filter((client) => !client.disposed).map((client) => client.options.apiKey), ['sk-new-key']);
  });

  suite('an asynchronous factory (the client\'s code imported on first use)', () => {
    /** A provider whose factory waits for `release()` before each client is built. */
    function makeAsync() {
      const keys = new MemoryKeys();
      let settings: SequentumSettings = { ...DEFAULT_SETTINGS, baseUrl: 'https://a.example' };
      const made: FakeClient[] = [];
      const waiting: Array<() => void> = [];
      const provider = new ClientProvider<FakeClient>({
        keys,
        settings: () => settings,
        create: async (options) => {
          await new Promise<void>((resolve) => waiting.push(resolve));
          if (options.baseUrl.startsWith('http://')) throw new ConfigurationError('no http', 'sequentum.baseUrl');
          const client = new FakeClient(options);
          made.push(client);
          return client;
        },
        log: silentLogger,
      });
      /** Lets every factory call waiting so far finish, once the callers have reached it. */
      const release = async () => {
        await new Promise((resolve) => setImmediate(resolve));
        waiting.splice(0).forEach((resolve) => resolve());
      };
      return { keys, provider, made, release, setSettings: (next: Partial<SequentumSettings>) => (settings = { ...settings, ...next }) };
    }

    test('callers while the client is built share one client', async () => {
      const { keys, provider, made, release } = makeAsync();
      await keys.store('sk-first-key');
      const calls = [provider.current(), provider.current(), provider.current()];
      await release();
      const clients = await Promise.all(calls);
      assert.equal(made.length, 1);
      assert.ok(clients.every((client) => client === made[0]));
      assert.equal(provider.peek(), made[0]);
    });

    test('the key changes while the old key\'s client is built: that client is disposed and the caller gets the new key\'s', async () => {
      const { keys, provider, made, release } = makeAsync();
      await keys.store('sk-first-key');
      const call = provider.current();
      await new Promise((resolve) => setImmediate(resolve));
      await keys.store('sk-second-key');
      provider.keyChanged();
      await release();
      await release();
      const client = await call;
      assert.equal(made.length, 2);
      assert.equal(made[0]?.disposed, true);
      assert.equal(client?.options.apiKey, 'sk-second-key');
      assert.equal(client?.disposed, false);
    });

    test('settings changed while it was built reach it; dispose while it is built disposes it and answers no client', async () => {
      const { keys, provider, made, release, setSettings } = makeAsync();
      await keys.store('sk-first-key');
      const call = provider.current();
      await new Promise((resolve) => setImmediate(resolve));
      setSettings({ rateLimit: { requests: 50, windowSeconds: 60 } });
      provider.settingsChanged();
      await release();
      const client = await call;
      assert.deepEqual(client?.updates.map((settings) => settings.rateLimit.requests), [50]);
      provider.keyChanged();
      const later = provider.current();
      await new Promise((resolve) => setImmediate(resolve));
      provider.dispose();
      await release();
      assert.equal(await later, undefined);
      assert.equal(made[1]?.disposed, true);
    });

    test('a factory that rejects (unusable settings) rejects the caller and is not remembered', async () => {
      const { keys, provider, release, setSettings } = makeAsync();
      await keys.store('sk-first-key');
      setSettings({ baseUrl: 'http://remote.example' });
      const refused = provider.current();
      await release();
      await assert.rejects(refused, ConfigurationError);
      setSettings({ baseUrl: 'https://b.example' });
      provider.settingsChanged();
      const next = provider.current();
      await release();
      assert.equal((await next)?.options.baseUrl, 'https://b.example');
    });
  });
});
