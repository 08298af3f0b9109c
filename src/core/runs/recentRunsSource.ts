import { hostOf } from '../api/baseUrl';
import { NoApiKeyError } from '../api/errors';
import type { Run } from '../api/model';
import { Emitter, type EventLike } from '../emitter';
import type { Environment } from '../environments/environmentSource';
import type { DisposableLike } from '../lifecycle';
import { l10n } from '../text/l10n';
import { describeTreeError } from '../tree/treeErrors';
import { environmentNode, recentRunNodes, rowIdPrefix, type ActivityNode } from './activityRows';
import { mergeRecentRuns, type KnownRun } from './recentRuns';
import type { RunWatchers } from './runWatchers';

/** Runs the tree listed or the trackers followed are kept this many at most per environment (newest kept). */
const MAX_KNOWN = 2000;

/** Name, space id and space name of an agent the Agents tree has loaded. */
export interface KnownAgent {
  agentName: string;
  spaceId: number | null;
  spaceName?: string;
}

export interface RecentRunsSourceDeps {
  watchers: RunWatchers;
  environments(): readonly Environment[];
  agentOf(envId: string, agentId: number): KnownAgent | undefined;
  /** Wall ms. */
  now(): number;
}

/**
 * The Recent Runs view's rows without VS Code: per environment with a key, the runs of the last 24
 * hours — the failures its watcher's one runs-summary request per poll lists, plus the runs the
 * extension already knows — failures first; under one row per environment when more than one has a
 * key. rows() never throws.
 */
export class RecentRunsSource implements DisposableLike {
  private readonly known = new Map<string, Map<string, Run>>();
  private readonly changed = new Emitter<void>({ name: 'RecentRunsSource.onDidChange' });
  private readonly subscription: DisposableLike;
  readonly onDidChange: EventLike<void> = this.changed.event;

  constructor(private readonly deps: RecentRunsSourceDeps) {
    this.subscription = deps.watchers.onDidUpdate(() => this.changed.fire());
  }

  /** Runs as the tree listed them or a tracker reported them (fresher than the summary). */
  remember(envId: string, runs: readonly Run[]): void {
    let known = this.known.get(envId);
    if (!known) this.known.set(envId, (known = new Map<string, Run>()));
    for (const run of runs) {
      const key = `${run.agentId}/${run.id}`;
      known.delete(key);
      known.set(key, run);
    }
    while (known.size > MAX_KNOWN) known.delete(known.keys().next().value as string);
    this.changed.fire();
  }

  /** The view's root rows; an environment never asked yet is asked first (background lane: nobody clicked). */
  async rows(): Promise<ActivityNode[]> {
    const environments = this.deps.environments();
    const unasked = environments.flatMap((env) => {
      const watcher = this.deps.watchers.get(env.id);
      return watcher && watcher.snapshot.at === undefined ? [watcher.pollNow('background')] : [];
    });
    await Promise.all(unasked);
    const shown = environments.filter((env) => {
      const snapshot = this.deps.watchers.get(env.id)?.snapshot;
      return snapshot !== undefined && !NoApiKeyError.is(snapshot.error);
    });
    if (shown.length === 0) return []; // the welcome view asks for a key
    if (shown.length === 1) return this.environmentRows(shown[0], false);
    return shown.map((env) => environmentNode('recentRuns', env));
  }

  children(node: ActivityNode): ActivityNode[] {
    if (node.kind !== 'environment') return [];
    const env = this.deps.environments().find((candidate) => candidate.id === node.envId);
    return env ? this.environmentRows(env, true) : [];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private environmentRows(env: Environment, grouped: boolean): ActivityNode[] {
    const { summary, error } = this.deps.watchers.get(env.id)?.snapshot ?? {};
    const prefix = rowIdPrefix('recentRuns', env.id, grouped);
    const now = this.deps.now();
    if (error !== undefined) {
      const info = describeTreeError(error, { host: hostOf(env.baseUrl), scope: 'root', now });
      return [{ kind: 'notice', id: `${prefix}:error`, text: info.label, error: info, view: 'recentRuns', envId: env.id }];
    }
    const known: KnownRun[] = [...(this.known.get(env.id)?.values() ?? [])].map((run) => {
      const agent = this.deps.agentOf(env.id, run.agentId);
      const spaceName = agent?.spaceName;
      return { run: run.agentName || !agent ? run : { ...run, agentName: agent.agentName }, ...(agent ? { spaceId: agent.spaceId } : {}), ...(spaceName !== undefined ? { spaceName } : {}) };
    });
    const rows = mergeRecentRuns(summary?.failedRunDetails ?? [], known, now);
    const head: ActivityNode[] = summary ? [{ kind: 'summary', id: `${prefix}:summary`, summary }] : [];
    if (rows.length === 0) return [...head, { kind: 'notice', id: `${prefix}:empty`, text: l10n.t('No runs in the last 24 hours'), view: 'recentRuns' }];
    return [...head, ...recentRunNodes(rows, env.id, grouped)];
  }
}
