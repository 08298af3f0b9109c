import { hostOf } from '../../core/api/baseUrl';
import { Emitter } from '../../core/emitter';
import { DisposableStore, type DisposableLike } from '../../core/lifecycle';
import type { Logger } from '../../core/log';
import { OnDemand } from '../../core/onDemand';
import type { ActivityNode } from '../../core/runs/activityRows';
import type { UpcomingSource, UpcomingSourceDeps } from '../../core/runs/upcomingSource';
import { describeTreeError } from '../../core/tree/treeErrors';
import type { ActivityRowSource } from './activityView';

/**
 * The Upcoming view's rows, with core's UpcomingSource (and its day grouping) imported when the view
 * first asks for rows (VS Code asks as soon as it is shown) or is refreshed — a hidden view reads
 * nothing anyway. Calls before
 * that have nothing to change (no rows loaded, no timers). A source that cannot be loaded is one
 * error row naming the cause (getChildren never throws) and a log line; the next ask tries again.
 */
export class UpcomingOnDemand implements ActivityRowSource, DisposableLike {
  private readonly changed = new Emitter<void>({ name: 'UpcomingOnDemand.onDidChange' });
  readonly onDidChange = this.changed.event;
  private readonly built: OnDemand<DisposableStore & { source: UpcomingSource }>;
  private visible = false;

  constructor(private readonly deps: UpcomingSourceDeps & { log: Logger }) {
    this.built = new OnDemand(async () => {
      const { UpcomingSource } = await import('../../core/runs/upcomingSource.js');
      const built = new DisposableStore();
      const source = built.register(new UpcomingSource(deps));
      built.register(source.onDidChange(() => this.changed.fire()));
      // As the view's visibility was told at activation: timers run while it is shown.
      if (this.visible) source.setVisible(true);
      return Object.assign(built, { source });
    }, { log: deps.log, what: 'the Upcoming view' });
  }

  async rows(): Promise<ActivityNode[]> {
    try {
      return await (await this.load()).rows();
    } catch (error) {
      const env = this.deps.environments()[0];
      const info = describeTreeError(error, { host: env ? hostOf(env.baseUrl) : '', scope: 'root', now: this.deps.clock.wallNow() });
      return [{ kind: 'notice', id: 'upcoming:load-failed', text: info.label, error: info, view: 'upcoming' }];
    }
  }

  children(node: ActivityNode): ActivityNode[] {
    // Children are asked for rows the source gave: it exists.
    return this.source?.children(node) ?? [];
  }

  /**
   * Shown or hidden: the source's timers run while shown. Before it exists there is nothing to time:
   * a shown view asks for its rows at once, which builds it (told it is shown).
   */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.source?.setVisible(visible);
  }

  /** Refresh (user lane). */
  async reload(priority: 'user' | 'background'): Promise<void> {
    await (await this.load()).reload(priority);
  }

  /** Keys or environments changed; before the source exists nothing was read with the old ones. */
  invalidate(): void {
    this.source?.invalidate();
  }

  settingsChanged(): void {
    this.source?.settingsChanged();
  }

  dispose(): void {
    this.built.dispose();
    this.changed.dispose();
  }

  private get source(): UpcomingSource | undefined {
    return this.built.built?.source;
  }

  private async load(): Promise<UpcomingSource> {
    return (await this.built.load()).source;
  }
}
