import * as vscode from 'vscode';
import { describeError } from '../../core/errors/describeError';
import { CancelledError } from '../../core/api/errors';
import { DisposableStore } from '../../core/lifecycle';
import type { Logger } from '../../core/log';
import { insightsTexts, parseInsightsMessage, type InsightsToPage } from '../../core/insights/insightsMessages';
import { DEFAULT_INSIGHTS_WINDOW, loadAgentInsights, type InsightsApi } from '../../core/insights/loadAgentInsights';
import { forPlain } from '../../core/text/sinks';
import { onWebviewMessage, showWebviewBundle } from '../../platform/webview/webviewShell';
import type { InsightsTarget } from './showAgentInsights';

/** The panels' view type (VS Code keeps it in the tab's input). */
export const INSIGHTS_VIEW_TYPE = 'sequentum.agentInsights';

export interface InsightsPanelsDeps {
  extensionUri: vscode.Uri;
  log: Logger;
  locale: string;
  api(envId?: string): Promise<InsightsApi>;
  /** Epoch ms (the cost window ends today). */
  wallNow(): number;
}

/** What a host test can read about an open panel. */
export interface InsightsPanelState {
  envId?: string;
  agentId: number;
  /** What the page was last told: loading, show or failed. */
  state: InsightsToPage['type'];
  /** Runs charted (show only). */
  runs: number;
  /** Loads so far (each up to 3 requests): 1 after opening, one more per Refresh. */
  loads: number;
  /** The page's line on why cost is missing, when it is. */
  costProblem?: string;
}

/** One agent's panel: loads on open and on Refresh only; a page that reloads gets the last answer again. */
class InsightsPanel extends DisposableStore {
  private last: InsightsToPage;
  private loading: AbortController | undefined;
  loads = 0;

  constructor(readonly target: InsightsTarget, readonly panel: vscode.WebviewPanel, private readonly deps: InsightsPanelsDeps) {
    super();
    const { days, runs } = DEFAULT_INSIGHTS_WINDOW;
    this.last = { type: 'loading', texts: insightsTexts(target.agentName, runs, days) };
    showWebviewBundle(panel.webview, deps.extensionUri, { bundle: 'insights', title: this.last.texts.title });
    this.register(
      onWebviewMessage(panel.webview, parseInsightsMessage, (message) => {
        // 'ready': the page (re)loaded — hidden and shown again, or a theme reload: no request.
        if (message.type === 'ready') this.post(this.last);
        else void this.load();
      }, (error) => deps.log.error('Insights panel message failed', error)),
    );
    void this.load();
  }

  get state(): InsightsPanelState {
    const { last } = this;
    const shown = last.type === 'show' ? last : undefined;
    return {
      envId: this.target.envId,
      agentId: this.target.agentId,
      state: last.type,
      runs: shown?.insights.runs.length ?? 0,
      loads: this.loads,
      ...(shown?.costProblem ? { costProblem: shown.costProblem } : {}),
    };
  }

  private post(message: InsightsToPage): void {
    this.last = message;
    void this.panel.webview.postMessage(message);
  }

  private async load(): Promise<void> {
    this.loading?.abort();
    const controller = (this.loading = new AbortController());
    const { texts } = this.last;
    this.loads++;
    this.post({ type: 'loading', texts });
    try {
      const api = await this.deps.api(this.target.envId);
      const { insights, costProblem } = await loadAgentInsights(api, { id: this.target.agentId, name: this.target.agentName }, { now: this.deps.wallNow(), signal: controller.signal });
      if (controller.signal.aborted) return;
      if (costProblem) this.deps.log.info(`Insights of agent ${this.target.agentId}: ${costProblem}`);
      this.post({ type: 'show', texts, locale: this.deps.locale, insights, ...(costProblem ? { costProblem } : {}) });
    } catch (error) {
      if (controller.signal.aborted || CancelledError.is(error)) return;
      this.deps.log.error(`Insights of agent ${this.target.agentId} failed`, error);
      const description = describeError(error, { scope: 'agent' });
      this.post({ type: 'failed', texts, label: forPlain(description.label), message: forPlain(description.message, { maxLength: 600 }) });
    }
  }

  override dispose(): void {
    this.loading?.abort();
    super.dispose();
  }
}

/** The open insights panels, one per (environment, agent). */
export class InsightsPanels extends DisposableStore {
  private readonly panels = new Map<string, InsightsPanel>();

  constructor(private readonly deps: InsightsPanelsDeps) {
    super();
  }

  /** Opens the agent's panel, or reveals the open one as it is (no new request). */
  readonly show = (target: InsightsTarget): void => {
    const key = `${target.envId ?? ''}/${target.agentId}`;
    const open = this.panels.get(key);
    if (open) {
      open.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(INSIGHTS_VIEW_TYPE, forPlain(target.agentName, { maxLength: 60 }), vscode.ViewColumn.Active, { enableScripts: true });
    const entry = new InsightsPanel(target, panel, this.deps);
    this.panels.set(key, entry);
    panel.onDidDispose(() => {
      this.panels.delete(key);
      entry.dispose();
    });
  };

  states(): InsightsPanelState[] {
    return [...this.panels.values()].map((panel) => panel.state);
  }

  override dispose(): void {
    for (const entry of this.panels.values()) entry.panel.dispose();
    super.dispose();
  }
}
