import * as vscode from 'vscode';
import { hostOf } from '../../core/api/baseUrl';
import { NoApiKeyError } from '../../core/api/errors';
import type { SequentumApi } from '../../core/api/sequentumApi';
import type { Logger } from '../../core/log';
import { fireNodes, presentActivity, upcomingNodes, type ActivityNode } from '../../core/runs/activityRows';
import type { SequentumSettings } from '../../core/settings';
import { groupUpcoming, upcomingRange, type UpcomingDay } from '../../core/schedules/upcomingDays';
import { l10n } from '../../core/text/l10n';
import { describeTreeError } from '../../core/tree/treeErrors';
import { activityItem } from './activityItem';

/** One S8 read every this many ms while the view is visible: 0.2 requests a minute, far inside the background share. */
const REFRESH_MS = 5 * 60_000;
/** Relative times ("in 5 minutes") move without a request. */
const REDRAW_MS = 60_000;

export interface UpcomingDeps {
  api(): Promise<SequentumApi>;
  settings(): SequentumSettings;
  baseUrl(): string;
  envId: string;
  locale?: string;
  log: Logger;
}

interface UpcomingState {
  days?: UpcomingDay[];
  error?: unknown;
  noKey?: boolean;
}

/**
 * `sequentum.upcoming`: next schedule fires of all agents (S8) for the next 24 hours or 7 days
 * (`sequentum.upcoming.days`), grouped by day; a click reveals the agent. Loaded when first shown,
 * then every 5 minutes while visible, in the background lane (Refresh: at once, user lane).
 * getChildren never throws: a failure is an error row from the one error mapping.
 */
export class UpcomingProvider implements vscode.TreeDataProvider<ActivityNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ActivityNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private state: UpcomingState | undefined;
  private loading: Promise<void> | undefined;
  private refreshTimer: ReturnType<typeof setInterval> | undefined;
  private redrawTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly deps: UpcomingDeps) {}

  /** Re-reads S8 (user lane for Refresh, background for the timer) and redraws. */
  reload(priority: 'user' | 'background' = 'user'): Promise<void> {
    this.loading ??= this.load(priority).finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** Timers run only while the view is visible. */
  setVisible(visible: boolean): void {
    clearInterval(this.refreshTimer);
    clearInterval(this.redrawTimer);
    this.refreshTimer = this.redrawTimer = undefined;
    if (!visible) return;
    this.refreshTimer = setInterval(() => void this.reload('background'), REFRESH_MS);
    this.redrawTimer = setInterval(() => this.changed.fire(undefined), REDRAW_MS);
  }

  async getChildren(element?: ActivityNode): Promise<ActivityNode[]> {
    if (element?.kind === 'upcomingDay') return fireNodes(element.day, this.deps.envId);
    if (element) return [];
    if (!this.state) await this.reload('background');
    const state = this.state ?? {};
    if (state.noKey) return []; // the welcome view asks for a key
    if (state.error !== undefined) {
      const error = describeTreeError(state.error, { host: hostOf(this.deps.baseUrl()), scope: 'root', now: Date.now() });
      return [{ kind: 'notice', id: 'upcoming:error', text: error.label, error, view: 'upcoming' }];
    }
    const days = state.days ?? [];
    if (days.length === 0) {
      const text = this.deps.settings().upcoming.days === 7 ? l10n.t('No scheduled runs in the next 7 days') : l10n.t('No scheduled runs in the next 24 hours');
      return [{ kind: 'notice', id: 'upcoming:empty', text, view: 'upcoming' }];
    }
    return upcomingNodes(days);
  }

  getTreeItem(node: ActivityNode): vscode.TreeItem {
    return activityItem(node, presentActivity(node, { now: Date.now(), locale: this.deps.locale }));
  }

  dispose(): void {
    this.setVisible(false);
    this.changed.dispose();
  }

  private async load(priority: 'user' | 'background'): Promise<void> {
    const days = this.deps.settings().upcoming.days;
    const now = Date.now();
    try {
      const api = await this.deps.api();
      const fires = await api.listUpcomingFires(upcomingRange(now, days), { priority });
      this.state = { days: groupUpcoming(fires, { now, days, locale: this.deps.locale }) };
    } catch (error) {
      if (NoApiKeyError.is(error)) this.state = { noKey: true };
      else {
        this.deps.log.warn(`Upcoming: loading the next fires failed: ${error instanceof Error ? error.name : 'error'}`);
        this.state = { error };
      }
    }
    this.changed.fire(undefined);
  }
}
