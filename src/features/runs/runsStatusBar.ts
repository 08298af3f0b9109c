import * as vscode from 'vscode';
import { CommandId } from '../../core/commandIds';
import { DisposableStore } from '../../core/lifecycle';
import type { RunTracker } from '../../core/runs/runTracker';
import { statusSummary, type BudgetView } from '../../core/runs/statusSummary';

export interface BudgetSource {
  /** The current client's budget, when a client exists (never builds one). */
  current(): { snapshot(): BudgetView; onDidChange(listener: () => void): vscode.Disposable | { dispose(): unknown } } | undefined;
  /** Fires when the client was replaced (key or base URL changed). */
  onDidChange(listener: () => void): { dispose(): unknown };
}

/** Status bar item: runs in flight and requests left in the budget window; click → pick a run. */
export class RunsStatusBar extends DisposableStore {
  private readonly item: vscode.StatusBarItem;
  private budgetSubscription: { dispose(): unknown } | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly tracker: RunTracker,
    private readonly budget: BudgetSource,
  ) {
    super();
    this.item = this.register(vscode.window.createStatusBarItem('sequentum.runs', vscode.StatusBarAlignment.Left, 50));
    this.item.name = vscode.l10n.t('Sequentum Runs');
    // A click: a quick pick of the runs in flight.
    this.item.command = CommandId.showRunsInFlight;
    this.register(tracker.onDidChangeRun(() => this.update()));
    this.register(tracker.onDidChangeInFlight(() => this.update()));
    this.register(budget.onDidChange(() => this.watchBudget()));
    this.register({ dispose: () => this.budgetSubscription?.dispose() });
    this.register({ dispose: () => clearTimeout(this.refreshTimer) });
    this.watchBudget();
  }

  private watchBudget(): void {
    this.budgetSubscription?.dispose();
    this.budgetSubscription = this.budget.current()?.onDidChange(() => this.update());
    this.update();
  }

  private update(): void {
    if (this.isDisposed) return;
    const snapshot = this.budget.current()?.snapshot();
    const summary = statusSummary(this.tracker.inFlight(), snapshot, Date.now());
    this.item.text = summary.text;
    this.item.tooltip = summary.tooltip;
    if (summary.visible) this.item.show();
    else this.item.hide();
    // Requests age out of the sliding window without any event: look again once while visible.
    clearTimeout(this.refreshTimer);
    if (summary.visible && snapshot) this.refreshTimer = setTimeout(() => this.update(), Math.min(10_000, snapshot.windowSeconds * 1000));
  }
}
