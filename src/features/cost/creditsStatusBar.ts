import * as vscode from 'vscode';
import { CommandId } from '../../core/commandIds';
import { readCredits, type CreditsState } from '../../core/cost/credits';
import { environmentsCreditsStatus } from '../../core/cost/environmentCredits';
import type { EnvironmentSource } from '../../core/environments/environmentSource';
import { DisposableStore } from '../../core/lifecycle';
import type { Logger } from '../../core/log';
import { toMarkdownString } from '../../platform/markdownString';
import { FIRST_CREDITS_READ_MS, type CreditsItemState } from './creditsItem';

export type { CreditsItemState };

/**
 * Available credits (B1) next to the runs-in-flight item; tooltip: spending this week (B2), one line
 * per environment when several have a key; click: Show Spending. Every environment with a key is read
 * every `sequentum.billing.refreshMinutes` in the background lane, and again when environments or keys
 * change. A key without billing access (403) is left out — said once per environment and key in the
 * log (again after a change of key or environments, or after access came back); no environment with
 * credits hides the item.
 */
export class CreditsStatusBar extends DisposableStore {
  private readonly item: vscode.StatusBarItem;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The last state read per environment id (kept when a refresh fails). */
  private readonly states = new Map<string, CreditsState>();
  /** Environments whose key's 403 is in the log already; emptied when keys or environments change. */
  private readonly noAccessLogged = new Set<string>();
  /**
   * Counts changes of keys or environments. A read begun before a change may answer after the
   * read the change started (with the old key): its answer is dropped, not shown over the new one.
   */
  private generation = 0;
  private shown: CreditsItemState = { visible: false, text: '', tooltip: '' };

  constructor(
    private readonly environments: EnvironmentSource,
    private readonly refreshMinutes: () => number,
    private readonly log: Logger,
    private readonly locale?: string,
    /** Delay of the first read: CreditsOnDemand builds the item when that read is due. */
    firstReadMs = FIRST_CREDITS_READ_MS,
  ) {
    super();
    this.item = this.register(vscode.window.createStatusBarItem('sequentum.credits', vscode.StatusBarAlignment.Left, 49));
    this.item.name = vscode.l10n.t('Sequentum Credits');
    this.item.command = CommandId.showSpending;
    this.register({ dispose: () => clearTimeout(this.timer) });
    this.register(environments.onDidChange(() => {
      // Another key may also lack billing access: that is news for the log again.
      this.noAccessLogged.clear();
      this.generation++;
      this.schedule(0);
    }));
    this.register(vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('sequentum.billing.refreshMinutes') && this.schedule(0)));
    this.schedule(firstReadMs);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (!this.isDisposed) this.timer = setTimeout(() => void this.refresh(), delayMs);
  }

  private async refresh(): Promise<void> {
    const generation = this.generation;
    const environments = this.environments.environments();
    // An environment removed from the settings is forgotten (its line would be stale).
    for (const id of [...this.states.keys()]) if (!environments.some((env) => env.id === id)) this.states.delete(id);
    await Promise.all(environments.map(async (env) => {
      try {
        const state = await readCredits(await this.environments.client(env.id));
        if (generation !== this.generation) return;
        this.states.set(env.id, state);
        const noAccess = state.kind === 'hidden' && state.reason === 'noAccess';
        // Access that comes back and goes again is said again.
        if (!noAccess) this.noAccessLogged.delete(env.id);
        else if (!this.noAccessLogged.has(env.id)) {
          this.noAccessLogged.add(env.id);
          this.log.info(`Credits: the API key of ${env.name} has no billing access (403); its credits are not shown.`);
        }
      } catch (error) {
        if (generation !== this.generation) return; // the old key's client, closed by the change
        // Keep what was shown; the next refresh tries again.
        this.log.warn(`Credits: reading the balance of ${env.name} failed: ${error instanceof Error ? error.name : 'error'}`);
      }
    }));
    // Superseded: the read the change started renders and schedules the next one.
    if (generation !== this.generation) return;
    this.render();
    this.schedule(this.refreshMinutes() * 60_000);
  }

  private render(): void {
    if (this.isDisposed) return;
    const envs = this.environments.environments().map((env) => ({ name: env.name, state: this.states.get(env.id) }));
    const status = environmentsCreditsStatus(envs, this.locale);
    if (!status) {
      this.item.hide();
      this.shown = { ...this.shown, visible: false };
      return;
    }
    this.item.text = status.text;
    this.item.tooltip = toMarkdownString(status.tooltip);
    this.item.show();
    this.shown = { visible: true, text: status.text, tooltip: status.tooltip };
  }

  /** What the item shows now (VS Code cannot be asked for another extension's status bar items). */
  get state(): CreditsItemState {
    return this.shown;
  }
}
