import * as vscode from 'vscode';
import type { ApiKeyInfo, ApiKeyStore } from '../core/credentials';

const SECRET_KEY = 'sequentum.apiKey';

/** API key in VS Code's SecretStorage, with SEQUENTUM_API_KEY as the fallback. */
export class SecretApiKeyStore implements ApiKeyStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly environment: NodeJS.ProcessEnv = process.env,
  ) {}

  async get(): Promise<ApiKeyInfo | undefined> {
    const stored = await this.secrets.get(SECRET_KEY);
    if (stored) return { key: stored, source: 'secret-storage' };
    const fromEnvironment = this.environment.SEQUENTUM_API_KEY?.trim();
    return fromEnvironment ? { key: fromEnvironment, source: 'environment' } : undefined;
  }

  async store(key: string): Promise<void> {
    await this.secrets.store(SECRET_KEY, key);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.secrets.onDidChange((event) => {
      if (event.key === SECRET_KEY) listener();
    });
  }
}
