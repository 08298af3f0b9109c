import * as vscode from 'vscode';
import type { EventLike } from '../../core/emitter';
import { presentActivity, type ActivityNode } from '../../core/runs/activityRows';
import { treeItemOf } from '../../platform/treeItem';

/** Where a view's rows come from: core's UpcomingSource or RecentRunsSource. */
export interface ActivityRowSource {
  readonly onDidChange: EventLike<void>;
  rows(): Promise<ActivityNode[]>;
  children(node: ActivityNode): ActivityNode[];
}

/**
 * `sequentum.upcoming` and `sequentum.recentRuns` as VS Code asks for them. Every decision (what loads
 * when, grouping by environment and day, empty and error rows, labels) is in core; this only turns
 * rows into tree items. getChildren never throws (the sources turn failures into rows).
 */
export class ActivityProvider implements vscode.TreeDataProvider<ActivityNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ActivityNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): unknown };

  constructor(
    private readonly source: ActivityRowSource,
    private readonly locale?: string,
  ) {
    this.subscription = source.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(element?: ActivityNode): Promise<ActivityNode[]> {
    return element ? Promise.resolve(this.source.children(element)) : this.source.rows();
  }

  getTreeItem(node: ActivityNode): vscode.TreeItem {
    return treeItemOf(node.id, presentActivity(node, { now: Date.now(), locale: this.locale }));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
