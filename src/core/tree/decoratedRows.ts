import type { DisposableLike } from '../lifecycle';
import type { MarkdownText } from '../text/markdownText';
import { decorateAgent, decorateRun, type RunInsightsView } from './insightsPresentation';
import type { AgentNode, RunNode, TreeNode } from './nodes';

type DecoratedNode = AgentNode | RunNode;

export interface DecoratedRowsOptions {
  /** The watch list's star on agent rows. */
  isWatched?: (envId: string, agentId: number) => boolean;
  /** Health and cost of runs (the book). */
  insights?: RunInsightsView;
  locale?: string;
  /** Re-renders these rows, all at once (the adapter fires onDidChangeTreeData once with the array). */
  render(nodes: readonly TreeNode[]): void;
  /** Runs the check once the current task is done; default queueMicrotask. */
  defer?: (check: () => void) => void;
}

/** A neutral row: what {@link decorateRun} and {@link decorateAgent} add to it is all that is compared. */
const BARE = { iconId: '', tooltip: '' as MarkdownText, contextValue: '' };

/**
 * Agent and run rows show things the tree's lists do not hold: the watch star, a run's health and
 * cost, the agent's flag. When those change, only the rows whose part actually looks different
 * re-render, all in one batch per arrival (one runs list, one cost page — not one per run), never
 * an unchanged row: every re-render under the pointer can swallow a click on an inline action or a
 * context-menu item (VS Code then runs the command without its row), and a whole-tree refresh drops
 * the nodes the extension host knows (a run just revealed left view.selection).
 */
export class DecoratedRows implements DisposableLike {
  /** Rows VS Code asked for since the last whole-tree refresh, with their look as last sent. */
  private readonly rows = new Map<string, { node: DecoratedNode; look: string }>();
  private checkPending = false;
  private disposed = false;

  constructor(private readonly options: DecoratedRowsOptions) {}

  /** The view rendered `node` (getTreeItem). */
  shown(node: TreeNode): void {
    if (node.kind === 'agent' || node.kind === 'run') this.rows.set(node.id, { node, look: this.lookOf(node) });
  }

  /** The watch list or the insights changed: the rows that look different re-render after this task. */
  changed(): void {
    if (this.checkPending || this.disposed) return;
    this.checkPending = true;
    (this.options.defer ?? queueMicrotask)(() => this.check());
  }

  /** The whole tree was reloaded: the view renders every row again. */
  reset(): void {
    this.rows.clear();
  }

  dispose(): void {
    this.disposed = true;
    this.rows.clear();
  }

  private check(): void {
    this.checkPending = false;
    if (this.disposed) return;
    const differing: DecoratedNode[] = [];
    for (const row of this.rows.values()) {
      const look = this.lookOf(row.node);
      if (look === row.look) continue;
      row.look = look; // compared with what was last sent, even if VS Code does not ask again (collapsed)
      differing.push(row.node);
    }
    if (differing.length > 0) this.options.render(differing);
  }

  private lookOf(node: DecoratedNode): string {
    const { insights, locale, isWatched } = this.options;
    if (node.kind === 'run') return JSON.stringify(decorateRun(BARE, node, insights, locale));
    return JSON.stringify([isWatched?.(node.envId, node.agent.id) ?? false, decorateAgent(BARE, node, insights, locale)]);
  }
}
