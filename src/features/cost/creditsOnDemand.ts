import * as vscode from 'vscode';
import type { EnvironmentSource } from '../../core/environments/environmentSource';
import { DisposableStore } from '../../core/lifecycle';
import type { Logger } from '../../core/log';
import { OnDemand } from '../../core/onDemand';
import { FIRST_CREDITS_READ_MS, type CreditsItemState } from './creditsItem';
import type { CreditsStatusBar } from './creditsStatusBar';

/**
 * The credits status bar item, imported and built when its first read is due: FIRST_CREDITS_READ_MS
 * after activation, or at once when environments, keys or the refresh interval change before that
 * (what the item itself does once it exists). Until then nothing is shown, as before a first read.
 * A build that fails is logged; the next of those events tries again.
 */
export class CreditsOnDemand extends DisposableStore {
  private readonly bar: OnDemand<CreditsStatusBar>;

  constructor(environments: EnvironmentSource, refreshMinutes: () => number, log: Logger, locale?: string) {
    super();
    this.bar = this.register(
      new OnDemand(async () => new (await import('./creditsStatusBar.js')).CreditsStatusBar(environments, refreshMinutes, log, locale, 0), { log, what: 'the credits status bar' }),
    );
    const build = () => {
      if (!this.bar.built) this.bar.load().catch(() => undefined);
    };
    const timer = setTimeout(build, FIRST_CREDITS_READ_MS);
    this.register({ dispose: () => clearTimeout(timer) });
    this.register(environments.onDidChange(build));
    this.register(vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('sequentum.billing.refreshMinutes') && build()));
  }

  /** What the item shows now: hidden until it is built and has read. */
  get state(): CreditsItemState {
    return this.bar.built?.state ?? { visible: false, text: '', tooltip: '' };
  }
}
