import * as vscode from 'vscode';
import { hostOf } from '../../core/api/baseUrl';
import { NoApiKeyError } from '../../core/api/errors';
import type { Run } from '../../core/api/model';
import { presentActivity, recentRunNodes, type ActivityNode } from '../../core/runs/activityRows';
import { mergeRecentRuns, type KnownRun } from '../../core/runs/recentRuns';
import type { RunWatcher } from '../../core/runs/runWatcher';
import { l10n } from '../../core/text/l10n';
import { describeTreeError } from '../../core/tree/treeErrors';
import { activityItem } from './activityItem';

/** Runs the tree listed or the tracker followed are kept this many at most (newest kept). */
const MAX_KNOWN = 2000;

export interface RecentRunsDeps {
  watcher: RunWatcher;
  envId: string;
  baseUrl(): string;
  /** Name, space id and space name of an agent the Agents tree has loaded. */
  agentOf(agentId: number): { agentName: string; spaceId: number | null; spaceName?: string } | undefined;
  locale?: string;
}

/**
 * `sequentum.recentRuns`: the account's runs of the last 24 hours — N1's failures (the watcher's
 * one request per poll, shared with watching) plus the runs the extension already knows — failures
 * first. Each row offers Why Did It Fail?, Open Output File and Open in Dashboard (the existing
 * commands, through their menus). getChildren never throws.
 */
export class RecentRunsProvider implements vscode.TreeDataProvider<ActivityNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ActivityNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly known = new Map<string, Run>();
  private readonly subscription: { dispose(): unknown };

  constructor(private readonly deps: RecentRunsDeps) {
    this.subscription = deps.watcher.onDidUpdate(() => this.changed.fire(undefined));
  }

  /** Runs as the tree listed them or the tracker reported them (fresher than the summary). */
  remember(runs: readonly Run[]): void {
    for (const run of runs) {
      const key = `${run.agentId}/${run.id}`;
      this.known.delete(key);
      this.known.set(key, run);
    }
    while (this.known.size > MAX_KNOWN) this.known.delete(this.known.keys().next().value as string);
    this.changed.fire(undefined);
  }

  async getChildren(element?: ActivityNode): Promise<ActivityNode[]> {
    if (element) return [];
    if (this.deps.watcher.snapshot.at === undefined) await this.deps.watcher.pollNow();
    const { summary, error } = this.deps.watcher.snapshot;
    if (NoApiKeyError.is(error)) return []; // the welcome view asks for a key
    if (error !== undefined) {
      const info = describeTreeError(error, { host: hostOf(this.deps.baseUrl()), scope: 'root', now: Date.now() });
      return [{ kind: 'notice', id: 'recent:error', text: info.label, error: info, view: 'recentRuns' }];
    }
    const known: KnownRun[] = [...this.known.values()].map((run) => {
      const agent = this.deps.agentOf(run.agentId);
      const spaceName = agent?.spaceName;
      return { run: run.agentName || !agent ? run : { ...run, agentName: agent.agentName }, ...(agent ? { spaceId: agent.spaceId } : {}), ...(spaceName !== undefined ? { spaceName } : {}) };
    });
    const rows = mergeRecentRuns(summary?.failedRunDetails ?? [], known, Date.now());
    const head: ActivityNode[] = summary ? [{ kind: 'summary', id: 'recent:summary', summary }] : [];
    if (rows.length === 0) return [...head, { kind: 'notice', id: 'recent:empty', text: l10n.t('No runs in the last 24 hours'), view: 'recentRuns' }];
    return [...head, ...recentRunNodes(rows, this.deps.envId)];
  }

  getTreeItem(node: ActivityNode): vscode.TreeItem {
    return activityItem(node, presentActivity(node, { now: Date.now(), locale: this.deps.locale }));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
