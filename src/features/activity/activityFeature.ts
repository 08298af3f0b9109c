import * as vscode from 'vscode';
import type { SequentumClient } from '../../core/api/client';
import { requireClient, type ClientProvider } from '../../core/api/clientProvider';
import type { Run } from '../../core/api/model';
import type { FailedRunDetail } from '../../core/api/runsSummary';
import { systemClock } from '../../core/clock';
import { CommandId } from '../../core/commandIds';
import { DEFAULT_ENVIRONMENT_ID } from '../../core/environments/defaultEnvironment';
import { DisposableStore } from '../../core/lifecycle';
import { RunWatcher } from '../../core/runs/runWatcher';
import type { RunTracker } from '../../core/runs/runTracker';
import type { WatchList } from '../../core/runs/watchList';
import { NodeId } from '../../core/tree/nodes';
import type { TreeModel } from '../../core/tree/treeModel';
import { registerCommands, type CommandContext } from '../../platform/commandRegistry';
import { BackgroundFailureNotifier } from '../../platform/failureNotifier';
import type { VscodePlatform } from '../../platform/vscodePlatform';
import { RecentRunsProvider } from './recentRunsView';
import { UpcomingProvider } from './upcomingView';

export interface ActivityFeatureOptions {
  platform: VscodePlatform;
  commandContext: CommandContext;
  /** The default environment's clients (the views and watching are about its account). */
  clients: ClientProvider<SequentumClient>;
  baseUrl: () => string;
  watchList: WatchList;
  /** The Agents tree: the runs it lists feed Recent Runs, its agents name spaces. */
  model: TreeModel;
  /** The default environment's followed runs: announced by the run poller, not again here. */
  tracker: RunTracker;
  /** The run-finished notification for a run this window did not follow (the runs feature's). */
  announceFinish(run: Run): void;
}

/** A failure N1 listed, as the run-finished notification reads a run. */
function asRun(failure: FailedRunDetail): Run {
  const run: Run = { id: failure.runId, agentId: failure.agentId, status: failure.status };
  const optional = { agentName: failure.agentName, statusName: failure.statusName, message: failure.errorMessage, startTime: failure.startTime, endTime: failure.endTime };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(run, { [key]: value });
  return run;
}

/**
 * Runs nobody started here: the Upcoming view (S8), the Recent Runs view (N1 plus what the tree
 * knows) and the watcher that announces failures of watched agents (or all, per
 * `sequentum.watch.notify`) through the runs feature's finish notification. One N1 request per
 * poll serves both watching and Recent Runs.
 */
export class ActivityFeature extends DisposableStore {
  readonly watcher: RunWatcher;
  readonly upcoming: UpcomingProvider;
  readonly recentRuns: RecentRunsProvider;

  constructor(options: ActivityFeatureOptions) {
    super();
    const { platform, commandContext, clients, watchList, model, tracker } = options;
    const envId = DEFAULT_ENVIRONMENT_ID;
    const api = () => requireClient(clients.current());
    let recentVisible = false;
    const failures = new BackgroundFailureNotifier(commandContext);
    this.watcher = this.register(
      new RunWatcher({
        api,
        clock: systemClock,
        settings: () => {
          const current = platform.settings();
          const budget = clients.peek()?.budget.snapshot();
          return {
            notify: current.watch.notify,
            intervalSeconds: current.polling.intervalSeconds,
            budget: { requests: budget?.limit ?? current.rateLimit.requests, windowSeconds: budget?.windowSeconds ?? current.rateLimit.windowSeconds, share: current.polling.backgroundShare },
          };
        },
        isWatched: (agentId) => watchList.has(envId, agentId),
        hasWatched: () => watchList.ids(envId).length > 0,
        wanted: () => recentVisible,
        isFollowedHere: (ref) => tracker.get(ref) !== undefined,
        queuedBackground: () => clients.peek()?.budget.snapshot().queuedBackground ?? 0,
        focus: { isFocused: () => vscode.window.state.focused, onDidChangeFocus: (listener) => vscode.window.onDidChangeWindowState((state) => listener(state.focused)) },
        log: platform.log,
        failures: { failed: (error) => void failures.failed(error, { prefix: vscode.l10n.t('Watching runs') }), cleared: () => failures.cleared() },
      }),
    );
    this.register(this.watcher.onDidNoticeFailure((failure) => options.announceFinish(asRun(failure))));
    this.register(tracker.onDidFinishRun((event) => this.watcher.markAnnounced({ agentId: event.run.agentId, runId: event.run.id })));
    this.register(watchList.onDidChange(() => this.watcher.poke()));

    this.upcoming = this.register(new UpcomingProvider({ api, settings: platform.settings, baseUrl: options.baseUrl, envId, locale: platform.locale, log: platform.log }));
    const upcomingView = this.register(vscode.window.createTreeView('sequentum.upcoming', { treeDataProvider: this.upcoming }));
    this.upcoming.setVisible(upcomingView.visible);
    this.register(upcomingView.onDidChangeVisibility((event) => this.upcoming.setVisible(event.visible)));

    this.recentRuns = this.register(
      new RecentRunsProvider({
        watcher: this.watcher, envId, baseUrl: options.baseUrl, locale: platform.locale,
        agentOf: (agentId) => {
          const node = model.nodeById(NodeId.agent(envId, agentId));
          if (node?.kind !== 'agent') return undefined;
          const space = node.agent.spaceId === null ? undefined : model.nodeById(NodeId.space(envId, node.agent.spaceId));
          return { agentName: node.agent.name, spaceId: node.agent.spaceId, ...(space?.kind === 'space' ? { spaceName: space.space.name } : {}) };
        },
      }),
    );
    const recentView = this.register(vscode.window.createTreeView('sequentum.recentRuns', { treeDataProvider: this.recentRuns }));
    recentVisible = recentView.visible;
    this.register(recentView.onDidChangeVisibility((event) => ((recentVisible = event.visible), this.watcher.poke())));
    this.register(model.onDidListRuns((event) => event.envId === envId && this.recentRuns.remember(event.runs)));
    this.register(tracker.onDidChangeRun((event) => this.recentRuns.remember([event.run])));

    this.register(clients.onDidChange(() => {
      this.watcher.resume();
      void this.upcoming.reload('background');
    }));
    this.register(platform.onDidChangeSettings(() => {
      this.watcher.poke();
      void this.upcoming.reload('background');
    }));
    this.register(
      registerCommands(
        {
          [CommandId.refreshUpcoming]: () => this.upcoming.reload('user'),
          [CommandId.refreshRecentRuns]: () => this.watcher.pollNow(),
        },
        commandContext,
      ),
    );
  }
}
