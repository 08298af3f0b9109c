import * as vscode from 'vscode';
import { DisposableStore } from './core/lifecycle';
import type { Logger } from './core/log';
import type { CommandDeps } from './commands/deps';
import { registerCommands } from './commands/registry';
import { createLogger } from './platform/logChannel';
import { SecretApiKeyStore } from './platform/secretApiKeyStore';
import { vscodeUserInterface } from './platform/vscodeUserInterface';

/** What activate() returns: a small API for other extensions and our own host tests. */
export interface SequentumExtensionApi {
  /** True once every command and view is registered. */
  readonly ready: true;
}

/**
 * Composition root: builds services and adapters and owns every Disposable. Construction does no
 * network I/O; anything that needs the server starts lazily when a view or command asks for it.
 */
export class Container extends DisposableStore {
  readonly log: Logger;
  readonly apiKeys: SecretApiKeyStore;

  constructor(readonly context: vscode.ExtensionContext) {
    super();
    const channel = this.register(vscode.window.createOutputChannel('Sequentum', { log: true }));
    this.log = createLogger(channel);
    this.apiKeys = new SecretApiKeyStore(context.secrets);

    const deps: CommandDeps = {
      ui: vscodeUserInterface,
      apiKeys: this.apiKeys,
      log: this.log,
      showLog: () => channel.show(true),
    };
    for (const disposable of registerCommands(deps)) this.register(disposable);

    this.register(this.apiKeys.onDidChange(() => void this.updateKeyContext()));
    // Not awaited: activation must not wait on storage; the welcome view shows until this settles.
    void this.updateKeyContext();
  }

  /** Drives the `viewsWelcome` "no key" state. */
  private async updateKeyContext(): Promise<void> {
    const info = await this.apiKeys.get();
    await vscode.commands.executeCommand('setContext', 'sequentum.hasApiKey', info !== undefined);
  }

  api(): SequentumExtensionApi {
    return { ready: true };
  }
}
