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
});
