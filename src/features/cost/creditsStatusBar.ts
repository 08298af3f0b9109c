import * as vscode from 'vscode';
import type { SequentumApi } from '../../core/api/sequentumApi';
import { CommandId } from '../../core/commandIds';
import { creditsStatus, readCredits, type CreditsState } from '../../core/cost/credits';
import { DisposableStore } from '../../core/lifecycle';
import type { Logger } from '../../core/log';
import { toMarkdownString } from '../../platform/markdownString';

/** First read a moment after activation (activate itself does no network I/O). */
const FIRST_READ_MS = 4000;

/**
 * Available credits (B1) next to the runs-in-flight item; tooltip: spending this week (B2); click:
 * Show Spending. Read every `sequentum.billing.refreshMinutes` in the background lane, and again
 * when the key changes. A key without billing access (403) hides it — said once in the log.
 */
export class CreditsStatusBar extends DisposableStore {
  private readonly item: vscode.StatusBarItem;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private state: CreditsState | undefined;
  private noAccessLogged = false;

  constructor(
    private readonly client: () => Promise<SequentumApi | undefined>,
    private readonly refreshMinutes: () => number,
    onDidChangeClient: (listener: () => void) => { dispose(): unknown },
    private readonly log: Logger,
    private readonly locale?: string,
  ) {
    super();
    this.item = this.register(vscode.window.createStatusBarItem('sequentum.credits', vscode.StatusBarAlignment.Left, 49));
    this.item.name = vscode.l10n.t('Sequentum Credits');
    this.item.command = CommandId.showSpending;
    this.register({ dispose: () => clearTimeout(this.timer) });
    this.register(onDidChangeClient(() => this.schedule(0)));
    this.register(vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('sequentum.billing.refreshMinutes') && this.schedule(0)));
    this.schedule(FIRST_READ_MS);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (!this.isDisposed) this.timer = setTimeout(() => void this.refresh(), delayMs);
  }

  private async refresh(): Promise<void> {
    try {
      this.state = await readCredits(await this.client());
      if (this.state.kind === 'hidden' && this.state.reason === 'noAccess' && !this.noAccessLogged) {
        this.noAccessLogged = true;
        this.log.info('Credits: this API key has no billing access (403); the credits status bar item stays hidden.');
      }
    } catch (error) {
      // Keep what was shown; the next refresh tries again.
      this.log.warn(`Credits: reading the balance failed: ${error instanceof Error ? error.name : 'error'}`);
    }
    this.render();
    this.schedule(this.refreshMinutes() * 60_000);
  }

  private render(): void {
    if (this.isDisposed) return;
    const status = creditsStatus(this.state, this.locale);
    if (!status) {
      this.item.hide();
      return;
    }
    this.item.text = status.text;
    this.item.tooltip = toMarkdownString(status.tooltip);
    this.item.show();
  }
}
