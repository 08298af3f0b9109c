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
    const stored = await this.secrets.get(this.secretKey);
    if (stored) return { key: stored, source: 'secret-storage' };
    const fromEnvironment = this.environment.SEQUENTUM_API_KEY?.trim();
    return fromEnvironment ? { key: fromEnvironment, source: 'environment' } : undefined;
  }

  async store(key: string): Promise<void> {
    await this.secrets.store(this.secretKey, key);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(this.secretKey);
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.secrets.onDidChange((event) => {
      if (event.key === this.secretKey) listener();
    });
  }
}
