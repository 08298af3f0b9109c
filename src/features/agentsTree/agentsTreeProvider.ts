import * as vscode from 'vscode';
import { systemClock } from '../../core/clock';
import { DecoratedRows } from '../../core/tree/decoratedRows';
import { ElapsedRefresh } from '../../core/tree/elapsedRefresh';
import { describeFilter, isFilterActive } from '../../core/tree/filter';
import type { TreeNode } from '../../core/tree/nodes';
import type { EventLike } from '../../core/emitter';
import type { RunInsightsView } from '../../core/tree/insightsPresentation';
import { presentNode } from '../../core/tree/presentation';
import type { TreeModel } from '../../core/tree/treeModel';
import { treeItemOf } from '../../platform/treeItem';

/**
 * Thin adapter: the tree's element type is the core node; every decision (ids, labels, icons,
 * tooltips, context values, errors) is made in src/core/tree, this only builds VS Code objects.
 */
export class AgentsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): unknown };
  /** Moves "running · 2m 10s" between polls for the in-flight runs on screen (no requests). */
  readonly elapsed = new ElapsedRefresh({ clock: systemClock, render: (nodes) => nodes.forEach((node) => this.changed.fire(node)) });
  /** The star, a cost or a flag changed: only the rows that look different re-render, in one batch. */
  private readonly decorated: DecoratedRows;

  private readonly watchSubscription: { dispose(): unknown } | undefined;
  private readonly insightsSubscription: { dispose(): unknown } | undefined;
  private readonly isWatched: ((envId: string, agentId: number) => boolean) | undefined;

  constructor(private readonly model: TreeModel, private readonly locale?: string, watched?: WatchedAgents, private readonly insights?: TreeInsights) {
    this.isWatched = watched ? (envId, agentId) => watched.has(envId, agentId) : undefined;
    this.decorated = new DecoratedRows({ isWatched: this.isWatched, insights, locale, render: (nodes) => this.changed.fire([...nodes]) });
    this.subscription = model.onDidChange((node) => {
      if (node === undefined) {
        this.elapsed.reset();
        this.decorated.reset();
      }
      this.changed.fire(node);
    });
    // Never a whole-tree refresh: that drops the extension host's nodes, so a run just revealed
    // (runs lists fill the book while revealRun loads them) is no longer in view.selection.
    this.watchSubscription = watched?.onDidChange(() => this.decorated.changed());
    this.insightsSubscription = insights?.onDidChange(() => this.decorated.changed());
  }

  getChildren(element?: TreeNode): Promise<TreeNode[]> {
    return this.model.getChildren(element);
  }

  /** Needed by TreeView.reveal, which walks from the node up to the root. */
  getParent(element: TreeNode): TreeNode | undefined {
    return this.model.parentOf(element);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    this.elapsed.shown(node);
    this.decorated.shown(node);
    const view = presentNode(node, { now: Date.now(), locale: this.locale, isWatched: this.isWatched, insights: this.insights });
    return treeItemOf(node.id, view);
  }

  dispose(): void {
    this.elapsed.dispose();
    this.decorated.dispose();
    this.subscription.dispose();
    this.watchSubscription?.dispose();
    this.insightsSubscription?.dispose();
    this.changed.dispose();
  }
}

/** Health and cost of runs for the rows, and when they change. */
export type TreeInsights = RunInsightsView & { onDidChange: EventLike<void> };

/** The watch list as the Agents view shows it (a star on watched agents). */
export interface WatchedAgents {
  has(envId: string, agentId: number): boolean;
  onDidChange(listener: () => void): { dispose(): unknown };
}

/** The `sequentum.agents` view: dispose it with the extension; `reveal` selects and focuses a node. */
export interface AgentsView extends vscode.Disposable {
  reveal(node: TreeNode): Promise<void>;
  /** The selected nodes (host tests check what revealRun selected). */
  readonly selection: readonly TreeNode[];
  /** The item the view shows for a node (host tests read labels and tooltips as VS Code gets them). */
  treeItem(node: TreeNode): vscode.TreeItem;
}

/** Creates the `sequentum.agents` view; its description and a context key follow the filter. */
export function createAgentsView(model: TreeModel, locale: string | undefined, watched?: WatchedAgents, insights?: TreeInsights): AgentsView {
  const provider = new AgentsTreeProvider(model, locale, watched, insights);
  const view = vscode.window.createTreeView('sequentum.agents', { treeDataProvider: provider, showCollapseAll: true });
  const applyFilter = () => {
    view.description = describeFilter(model.filter);
    void vscode.commands.executeCommand('setContext', 'sequentum.filterActive', isFilterActive(model.filter));
  };
  const subscription = model.onDidChangeFilter(applyFilter);
  applyFilter();
  provider.elapsed.setVisible(view.visible);
  const disposable = vscode.Disposable.from(
    provider,
    view,
    { dispose: () => subscription.dispose() },
    view.onDidChangeVisibility((event) => provider.elapsed.setVisible(event.visible)),
    view.onDidCollapseElement((event) => provider.elapsed.collapsed(event.element)),
  );
  return {
    dispose: () => {
      disposable.dispose();
    },
    reveal: async (node) => {
      await view.reveal(node, { select: true, focus: true, expand: false });
    },
    get selection() {
      return view.selection;
    },
    treeItem: (node) => provider.getTreeItem(node),
  };
}
