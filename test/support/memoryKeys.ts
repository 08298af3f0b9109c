import type { ApiKeyInfo, ApiKeyStore } from '../../src/core/credentials';

/** An API key store in memory (an environment's SecretStorage entry in unit tests). */
export class MemoryKeys implements ApiKeyStore {
  constructor(private key?: string) {}
  get(): Promise<ApiKeyInfo | undefined> {
    return Promise.resolve(this.key ? { key: this.key, source: 'secret-storage' } : undefined);
  }
  store(key: string): Promise<void> {
    this.key = key;
    return Promise.resolve();
  }
  clear(): Promise<void> {
    this.key = undefined;
    return Promise.resolve();
  }
  onDidChange(): { dispose(): void } {
    return { dispose: () => undefined };
  }
}
