import * as vscode from 'vscode';
import type { SequentumClient } from '../../core/api/client';
import type { ClientProvider } from '../../core/api/clientProvider';
import type { Run } from '../../core/api/model';
import type { FailedRunDetail } from '../../core/api/runsSummary';
import type { SequentumApi } from '../../core/api/sequentumApi';
import { systemClock } from '../../core/clock';
import { CommandId } from '../../core/commandIds';
import type { EventLike } from '../../core/emitter';
import type { Environment } from '../../core/environments/environmentSource';
import { DisposableStore } from '../../core/lifecycle';
import type { FollowedRuns } from '../../core/runs/followedRuns';
import { RecentRunsSource } from '../../core/runs/recentRunsSource';
import { RunWatcher } from '../../core/runs/runWatcher';
import { RunWatchers } from '../../core/runs/runWatchers';
import type { WatchList } from '../../core/runs/watchList';
import { NodeId } from '../../core/tree/nodes';
import type { TreeModel } from '../../core/tree/treeModel';
import { registerCommands, type CommandContext } from '../../platform/commandRegistry';
import type { VscodePlatform } from '../../platform/vscodePlatform';
import { ActivityProvider } from './activityView';
import { UpcomingOnDemand } from './upcomingOnDemand';
import { watchFailureSink } from './watchFailures';

export interface ActivityFeatureOptions {
  platform: VscodePlatform;
  commandContext: CommandContext;
  /** Every configured environment, its clients, and when they change (keys, base URLs, the list). */
  environments: {
    environments(): readonly Environment[];
    clientsOf(envId: string): ClientProvider<SequentumClient> | undefined;
    readonly onDidChange: EventLike<void>;
  };
  /** An environment's client, or NoApiKeyError. */
  api(envId: string): Promise<SequentumApi>;
  watchList: WatchList;
  /** The Agents tree: the runs it lists feed Recent Runs, its agents name spaces. */
  model: TreeModel;
  /** The runs this window follows, in every environment: announced by the run poller, not again here. */
  followed: FollowedRuns;
  /** The run-finished notification for a run this window did not follow (the runs feature's). */
  announceFinish(run: Run, envId: string): void;
}

/** A failure N1 listed, as the run-finished notification reads a run. */
function asRun(failure: FailedRunDetail): Run {
  const run: Run = { id: failure.runId, agentId: failure.agentId, status: failure.status };
  const optional = { agentName: failure.agentName, statusName: failure.statusName, message: failure.errorMessage, startTime: failure.startTime, endTime: failure.endTime };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(run, { [key]: value });
  return run;
}

/**
 * Runs nobody started here, in every environment with a key: the Upcoming view (S8), the Recent Runs
 * view (N1 plus what the tree knows) and the watchers that announce failures of watched agents (or
 * all, per `sequentum.watch.notify`) through the runs feature's finish notification. One N1 request
 * per poll per environment serves both watching and Recent Runs.
 */
export class ActivityFeature extends DisposableStore {
  readonly watchers: RunWatchers;
  readonly upcoming: ActivityProvider;
  readonly recentRuns: ActivityProvider;

  constructor(options: ActivityFeatureOptions) {
    super();
    const { platform, commandContext, environments, watchList, model, followed } = options;
    let recentVisible = false;
    const watcherOf = (envId: string) =>
      new RunWatcher({
        api: () => options.api(envId),
        clock: systemClock,
        settings: () => {
          const current = platform.settings();
          const budget = environments.clientsOf(envId)?.peek()?.budget.snapshot();
          return {
            notify: current.watch.notify,
            intervalSeconds: current.polling.intervalSeconds,
            budget: { requests: budget?.limit ?? current.rateLimit.requests, windowSeconds: budget?.windowSeconds ?? current.rateLimit.windowSeconds, share: current.polling.backgroundShare },
          };
        },
        isWatched: (agentId) => watchList.has(envId, agentId),
        hasWatched: () => watchList.ids(envId).length > 0,
        wanted: () => recentVisible,
        isFollowedHere: (ref) => followed.isFollowed(envId, ref),
        queuedBackground: () => environments.clientsOf(envId)?.peek()?.budget.snapshot().queuedBackground ?? 0,
        focus: { isFocused: () => vscode.window.state.focused, onDidChangeFocus: (listener) => vscode.window.onDidChangeWindowState((state) => listener(state.focused)) },
        log: platform.log,
        failures: watchFailureSink(commandContext, envId, () => environments.environments().find((env) => env.id === envId)?.name),
      });
    const watchers = (this.watchers = this.register(new RunWatchers({ environments: () => environments.environments(), create: watcherOf })));
    this.register(watchers.onDidNoticeFailure(({ envId, failure }) => options.announceFinish(asRun(failure), envId)));
    this.register(followed.onDidFinishRun(({ envId, run }) => watchers.markAnnounced(envId, { agentId: run.agentId, runId: run.id })));
    this.register(watchList.onDidChange(() => watchers.poke()));

    const upcoming = this.register(
      new UpcomingOnDemand({
        environments: () => environments.environments(), api: (envId) => options.api(envId), horizon: () => platform.settings().upcoming.days,
        clock: systemClock, ...(platform.locale ? { locale: platform.locale } : {}), log: platform.log,
      }),
    );
    this.upcoming = this.register(new ActivityProvider(upcoming, platform.locale));
    const upcomingView = this.register(vscode.window.createTreeView('sequentum.upcoming', { treeDataProvider: this.upcoming }));
    upcoming.setVisible(upcomingView.visible);
    this.register(upcomingView.onDidChangeVisibility((event) => upcoming.setVisible(event.visible)));

    const recent = this.register(
      new RecentRunsSource({
        watchers, environments: () => environments.environments(), now: () => Date.now(),
        agentOf: (envId, agentId) => {
          const node = model.nodeById(NodeId.agent(envId, agentId));
          if (node?.kind !== 'agent') return undefined;
          const space = node.agent.spaceId === null ? undefined : model.nodeById(NodeId.space(envId, node.agent.spaceId));
          return { agentName: node.agent.name, spaceId: node.agent.spaceId, ...(space?.kind === 'space' ? { spaceName: space.space.name } : {}) };
        },
      }),
    );
    this.recentRuns = this.register(new ActivityProvider(recent, platform.locale));
    const recentView = this.register(vscode.window.createTreeView('sequentum.recentRuns', { treeDataProvider: this.recentRuns }));
    recentVisible = recentView.visible;
    this.register(recentView.onDidChangeVisibility((event) => ((recentVisible = event.visible), watchers.poke())));
    this.register(model.onDidListRuns((event) => recent.remember(event.envId, event.runs)));
    this.register(followed.onDidChangeRun(({ envId, run }) => recent.remember(envId, [run])));

    this.register(environments.onDidChange(() => {
      watchers.resume();
      upcoming.invalidate();
    }));
    this.register(platform.onDidChangeSettings(() => {
      watchers.poke();
      upcoming.settingsChanged();
    }));
    this.register(
      registerCommands(
        {
          [CommandId.refreshUpcoming]: () => upcoming.reload('user'),
          [CommandId.refreshRecentRuns]: () => watchers.pollNow(),
        },
        commandContext,
      ),
    );
  }
}
