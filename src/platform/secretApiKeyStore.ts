import * as vscode from 'vscode';
import type { ApiKeyInfo, ApiKeyStore } from '../core/credentials';

const SECRET_KEY = 'sequentum.apiKey';

/**
 * API key in VS Code's SecretStorage, with SEQUENTUM_API_KEY as the fallback. An extra environment
 * (`sequentum.environments`) uses its own entry and no variable: pass its `secretKey` and `{}`.
 */
export class SecretApiKeyStore implements ApiKeyStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly environment: NodeJS.ProcessEnv = process.env,
    private readonly secretKey: string = SECRET_KEY,
  ) {}

  /** The SecretStorage entry of an extra environment's key. */
  static secretKeyFor(envId: string): string {
    return `${SECRET_KEY}.${envId}`;
  }

  async get(): Promise<ApiKeyInfo | undefined> {
    const [stored, origin] = await Promise.all([this.secrets.get(this.secretKey), this.secrets.get(this.originKey)]);
    const bound = origin ? { origin } : {};
    if (stored) return { key: stored, source: 'secret-storage', ...bound };
    const fromEnvironment = this.environment.SEQUENTUM_API_KEY?.trim();
    return fromEnvironment ? { key: fromEnvironment, source: 'environment', ...bound } : undefined;
  }

  async store(key: string): Promise<void> {
    // A new key is bound again at its first use (to the base URL in force then).
    await this.secrets.delete(this.originKey);
    await this.secrets.store(this.secretKey, key);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(this.secretKey);
    await this.secrets.delete(this.originKey);
  }

  async bindOrigin(origin: string): Promise<void> {
    await this.secrets.store(this.originKey, origin);
  }

  /** The entry holding the origin the key is bound to (not secret, but kept next to the key). */
  private get originKey(): string {
    return `${this.secretKey}.origin`;
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.secrets.onDidChange((event) => {
      if (event.key === this.secretKey) listener();
    });
  }
}
