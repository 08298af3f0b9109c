import { hostOf } from '../api/baseUrl';
import { NoApiKeyError } from '../api/errors';
import type { SequentumApi } from '../api/sequentumApi';
import type { Clock } from '../clock';
import { Emitter, type EventLike } from '../emitter';
import type { Environment } from '../environments/environmentSource';
import type { DisposableLike } from '../lifecycle';
import type { Logger } from '../log';
import { groupUpcoming, upcomingRange, type UpcomingDay, type UpcomingHorizonDays } from '../schedules/upcomingDays';
import { l10n } from '../text/l10n';
import { describeTreeError } from '../tree/treeErrors';
import { environmentNode, fireNodes, rowIdPrefix, upcomingNodes, type ActivityNode } from './activityRows';

/** One S8 read every this many ms while the view is visible: 0.2 requests a minute per environment. */
export const UPCOMING_REFRESH_MS = 5 * 60_000;
/** Relative times ("in 5 minutes") move without a request. */
export const UPCOMING_REDRAW_MS = 60_000;

export interface UpcomingSourceDeps {
  /** The configured environments, the default one first. */
  environments(): readonly Environment[];
  /** An environment's API; rejects with NoApiKeyError when it has no key. */
  api(envId: string): Promise<SequentumApi>;
  /** `sequentum.upcoming.days`. */
  horizon(): UpcomingHorizonDays;
  clock: Clock;
  locale?: string;
  /** The user's zone (undefined = the process's, as in the extension). */
  timeZone?: string;
  log: Logger;
}

interface EnvironmentState {
  days?: UpcomingDay[];
  error?: unknown;
  noKey?: boolean;
}

/**
 * The Upcoming view's rows without VS Code: the next schedule fires (S8) of every environment with a
 * key, grouped by day — under one row per environment when more than one has a key. Loaded when first
 * shown, then every 5 minutes while visible, in the background lane (Refresh: user lane). A change
 * of settings or keys while the view is hidden only marks it stale: it reloads when shown again (as
 * does a view whose last read is 5 minutes old), so a hidden view sends nothing. rows() never
 * throws: a failure is an error row.
 */
export class UpcomingSource implements DisposableLike {
  private readonly changed = new Emitter<void>({ name: 'UpcomingSource.onDidChange' });
  /** The rows changed (loaded, or relative times moved). */
  readonly onDidChange: EventLike<void> = this.changed.event;
  private states: Map<string, EnvironmentState> | undefined;
  private loading: Promise<void> | undefined;
  private visible = false;
  private stale = false;
  /** Monotonic ms the last load began (its rows are as old as that). */
  private loadedAt: number | undefined;
  /** The horizon the last load asked S8 for. */
  private loadedHorizon: UpcomingHorizonDays | undefined;
  /** A change came while a load was in flight: that load asked with the old settings or keys. */
  private readAgain = false;
  private refreshTimer: DisposableLike | undefined;
  private redrawTimer: DisposableLike | undefined;

  constructor(private readonly deps: UpcomingSourceDeps) {}

  /** Re-reads S8 for every environment (user lane for Refresh, background otherwise). */
  reload(priority: 'user' | 'background' = 'user'): Promise<void> {
    this.loading ??= this.load(priority).finally(() => {
      this.loading = undefined;
      if (!this.readAgain) return;
      this.readAgain = false;
      void this.reload('background');
    });
    return this.loading;
  }

  /** Resolves when no load is in progress (a read again after a change included). */
  async settled(): Promise<void> {
    while (this.loading) await this.loading;
  }

  /**
   * A `sequentum.*` setting changed. Only the horizon changes what S8 is asked here (base URLs, keys
   * and environments come through {@link invalidate} from the environments' own change): any other
   * setting (polling, notifications) reads nothing, and a change of the environments, which fires
   * both, is read once.
   */
  settingsChanged(): void {
    if (this.deps.horizon() !== this.loadedHorizon) this.invalidate();
  }

  /** Keys or environments changed: reload now when visible, else when next shown. */
  invalidate(): void {
    if (this.visible) this.reloadChanged();
    else this.stale = true;
  }

  /**
   * Timers run only while the view is visible. Showing it reloads what changed meanwhile, and what
   * a visible view would have refreshed by now: its days and relative times were read before it was
   * hidden (a view hidden overnight would show yesterday as Today). Shown again sooner, the refresh
   * comes when the last read is 5 minutes old, as if it had stayed visible.
   */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.stopTimers();
    if (!visible) return;
    const age = this.loadedAt === undefined ? 0 : this.deps.clock.now() - this.loadedAt;
    if (this.stale || age >= UPCOMING_REFRESH_MS) {
      this.stale = false;
      this.reloadChanged();
      this.armRefresh(UPCOMING_REFRESH_MS);
    } else this.armRefresh(UPCOMING_REFRESH_MS - age);
    this.armRedraw();
  }

  /** The view's root rows; loads first when nothing was loaded yet. */
  async rows(): Promise<ActivityNode[]> {
    if (!this.states) await this.reload('background');
    const shown = this.deps.environments().filter((env) => {
      const state = this.states?.get(env.id);
      return state !== undefined && !state.noKey;
    });
    if (shown.length === 0) return []; // the welcome view asks for a key
    if (shown.length === 1) return this.environmentRows(shown[0], false);
    return shown.map((env) => environmentNode('upcoming', env));
  }

  /** The rows under a row (an environment's days, a day's fires). */
  children(node: ActivityNode): ActivityNode[] {
    if (node.kind === 'upcomingDay') return fireNodes(node);
    if (node.kind !== 'environment') return [];
    const env = this.deps.environments().find((candidate) => candidate.id === node.envId);
    return env ? this.environmentRows(env, true) : [];
  }

  dispose(): void {
    this.readAgain = false;
    this.stopTimers();
    this.changed.dispose();
  }

  /**
   * Reads again after a change. A load in flight is not joined: it asked with the settings and keys
   * from before the change (another horizon, an environment still without a key), so its answer
   * would stand for 5 minutes; one more read follows it instead.
   */
  private reloadChanged(): void {
    if (this.loading) this.readAgain = true;
    else void this.reload('background');
  }

  private environmentRows(env: Environment, grouped: boolean): ActivityNode[] {
    const state = this.states?.get(env.id) ?? {};
    const prefix = rowIdPrefix('upcoming', env.id, grouped);
    if (state.error !== undefined) {
      const error = describeTreeError(state.error, { host: hostOf(env.baseUrl), scope: 'root', now: this.deps.clock.wallNow() });
      return [{ kind: 'notice', id: `${prefix}:error`, text: error.label, error, view: 'upcoming', envId: env.id }];
    }
    const days = state.days ?? [];
    if (days.length > 0) return upcomingNodes(days, env.id, grouped);
    const text = this.deps.horizon() === 7 ? l10n.t('No scheduled runs in the next 7 days') : l10n.t('No scheduled runs in the next 24 hours');
    return [{ kind: 'notice', id: `${prefix}:empty`, text, view: 'upcoming' }];
  }

  private async load(priority: 'user' | 'background'): Promise<void> {
    const days = this.deps.horizon();
    const now = this.deps.clock.wallNow();
    const environments = this.deps.environments();
    this.loadedAt = this.deps.clock.now();
    this.loadedHorizon = days;
    const states = await Promise.all(environments.map((env) => this.loadOne(env, priority, now, days)));
    this.states = new Map(environments.map((env, i) => [env.id, states[i] ?? {}]));
    this.changed.fire();
  }

  private async loadOne(env: Environment, priority: 'user' | 'background', now: number, days: UpcomingHorizonDays): Promise<EnvironmentState> {
    try {
      const api = await this.deps.api(env.id);
      const fires = await api.listUpcomingFires(upcomingRange(now, days), { priority });
      return { days: groupUpcoming(fires, { now, days, ...(this.deps.locale ? { locale: this.deps.locale } : {}), ...(this.deps.timeZone ? { timeZone: this.deps.timeZone } : {}) }) };
    } catch (error) {
      if (NoApiKeyError.is(error)) return { noKey: true };
      this.deps.log.warn(`Upcoming: loading the next fires of ${env.name} failed: ${error instanceof Error ? error.name : 'error'}`);
      return { error };
    }
  }

  private armRefresh(delayMs: number): void {
    this.refreshTimer = this.deps.clock.setTimeout(() => {
      void this.reload('background');
      this.armRefresh(UPCOMING_REFRESH_MS);
    }, delayMs);
  }

  private armRedraw(): void {
    this.redrawTimer = this.deps.clock.setTimeout(() => {
      this.changed.fire();
      this.armRedraw();
    }, UPCOMING_REDRAW_MS);
  }

  private stopTimers(): void {
    void this.refreshTimer?.dispose();
    void this.redrawTimer?.dispose();
    this.refreshTimer = this.redrawTimer = undefined;
  }
}
