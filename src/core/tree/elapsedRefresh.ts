import { IN_FLIGHT_STATUSES } from '../api/model';
import type { DisposableLike } from '../lifecycle';
import type { Clock } from '../clock';
import type { RunNode, ScheduleNode, TreeNode } from './nodes';

/** A row whose text moves with the clock: an in-flight run ("2m 10s") or a schedule ("in 3 hours"). */
type TickingNode = RunNode | ScheduleNode;

/** Default: the "running · 2m 10s" text moves every 10 s. */
export const ELAPSED_REFRESH_MS = 10_000;

export interface ElapsedRefreshOptions {
  clock: Pick<Clock, 'setTimeout'>;
  /** Re-renders these nodes (the adapter fires onDidChangeTreeData for each); no request is made. */
  render(nodes: readonly TickingNode[]): void;
  /** ms between refreshes; default {@link ELAPSED_REFRESH_MS}. */
  intervalMs?: number;
}

/**
 * Keeps the elapsed time of in-flight runs and the "next run in …" of schedules current, cheaply: only nodes the view
 * has rendered (told through {@link shown}) and whose parent is still expanded are re-rendered,
 * only while the view is visible, and nothing is scheduled when there are none. The poller's
 * answers still update status and counters; this only moves the clock text.
 */
export class ElapsedRefresh implements DisposableLike {
  private readonly nodes = new Map<string, TickingNode>();
  private timer: DisposableLike | undefined;
  private visible = true;

  constructor(private readonly options: ElapsedRefreshOptions) {}

  /** The view rendered `node` (getTreeItem): an in-flight run starts being refreshed. */
  shown(node: TreeNode): void {
    if (node.kind !== 'run' && node.kind !== 'schedule') return;
    if (isTicking(node)) this.nodes.set(node.id, node);
    else this.nodes.delete(node.id);
    this.arm();
  }

  /**
   * A node was collapsed: the runs under an agent (or environment) are no longer on screen. A
   * collapsed space keeps its runs: run nodes do not know their space, and re-rendering a few
   * hidden items costs no request.
   */
  collapsed(node: TreeNode): void {
    for (const [id, run] of this.nodes) {
      // Schedules and runs both carry envId and agentId.
      if (node.kind === 'agent' && run.envId === node.envId && run.agentId === node.agent.id) this.nodes.delete(id);
      if (node.kind === 'environment' && run.envId === node.env.id) this.nodes.delete(id);
    }
    if (this.nodes.size === 0) this.disarm();
  }

  /** The whole tree was reloaded: forget what was shown (the view renders again). */
  reset(): void {
    this.nodes.clear();
    this.disarm();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.arm();
    else this.disarm();
  }

  /** Run nodes currently refreshed (for tests and logs). */
  get size(): number {
    return this.nodes.size;
  }

  dispose(): void {
    this.reset();
  }

  private tick(): void {
    this.timer = undefined;
    for (const [id, node] of this.nodes) if (!isTicking(node)) this.nodes.delete(id);
    if (this.nodes.size > 0) this.options.render([...this.nodes.values()]);
    this.arm();
  }

  private arm(): void {
    if (this.timer || !this.visible || this.nodes.size === 0) return;
    this.timer = this.options.clock.setTimeout(() => this.tick(), this.options.intervalMs ?? ELAPSED_REFRESH_MS);
  }

  private disarm(): void {
    this.timer?.dispose();
    this.timer = undefined;
  }
}

/**
 * In flight and showing a clock (a pending "Starting…" / "Stopping…" shows no time), or an enabled
 * schedule, whose "in 3 hours" would otherwise stay what it was when the row was first drawn.
 */
function isTicking(node: TickingNode): boolean {
  if (node.kind === 'schedule') return node.schedule.isEnabled && node.pending === undefined;
  return IN_FLIGHT_STATUSES.has(node.run.status) && node.pending === undefined;
}
