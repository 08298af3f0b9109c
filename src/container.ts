import type * as vscode from 'vscode';
import type { RunTracker } from './core/runs/runTracker';
import type { TreeNode } from './core/tree/nodes';
import type { TreeModel } from './core/tree/treeModel';
import { onDidShowPrompt, type ShownPrompt } from './platform/vscodeUserInterface';
import { VscodePlatform } from './platform/vscodePlatform';
import type { ActivityNode } from './core/runs/activityRows';
import { ActivityFeature } from './features/activity/activityFeature';
import { WatchFeature } from './features/activity/watchFeature';
import { AgentsTreeFeature } from './features/agentsTree/agentsTreeFeature';
import { CredentialsFeature } from './features/credentials/credentialsFeature';
import type { InsightsFeature } from './features/insights/insightsFeature';
import type { InsightsPanelState } from './features/insights/insightsPanels';
import { OutputTableFeature } from './features/outputTable/outputTableFeature';
import { RunConfigFeature } from './features/runConfig/runConfigFeature';
import { RunLogFeature } from './features/runLog/runLogFeature';
import { RunFilesFeature } from './features/runFiles/runFilesFeature';
import { fileDialogHookFor, type answerFileDialogs, type FileDialogAnswerer } from './platform/fileDialogs';
import { RunsFeature } from './features/runs/runsFeature';
import { DEFAULT_ENVIRONMENT_ID } from './core/environments/defaultEnvironment';
import { NodeId } from './core/tree/nodes';
import { SchedulesFeature } from './features/schedules/scheduleCommands';
import { DisposableStore, type DisposableLike } from './core/lifecycle';
import { healthLine } from './core/health/healthText';
import { RunInsightsBook } from './core/health/runInsightsBook';
import { CostFeature, readCostSettingsFromVscode } from './features/cost/costFeature';
import { FollowedRuns } from './core/runs/followedRuns';
import { CommandId } from './core/commandIds';
import { OnDemand } from './core/onDemand';
import { onDemandAction, registerCommandsOnDemand, type CommandWrapperDeps } from './platform/commandRegistry';
import type { CreditsItemState } from './features/cost/creditsStatusBar';

/** What activate() returns: a small API for other extensions and our own host tests. */
export interface SequentumExtensionApi {
  /** True once every command and view is registered. */
  readonly ready: true;
  /** The agents tree model (host tests read the view's children through it). */
  readonly tree: TreeModel;
  /** The runs the extension follows (host tests and other extensions observe starts and finishes). */
  readonly runs: RunTracker;
  /** The nodes selected in the Agents view (e.g. by sequentum.revealRun). */
  treeSelection(): readonly TreeNode[];
  /** The item the Agents view shows for a node, as VS Code receives it (host tests read labels and tooltips). */
  treeItem(node: TreeNode): vscode.TreeItem;
  /** Fires when a quick pick or input box is ready for an answer (host tests answer it then). */
  readonly onDidShowPrompt: vscode.Event<ShownPrompt>;
  /** URIs of the documents the diagnostics keep state for (host tests: opening other files adds none). */
  diagnosticsTrackedDocuments(): string[];
  /** The open agent insights panels: what each was last told, how often it loaded (host tests). */
  insightsPanels(): InsightsPanelState[];
  /**
   * Answers the save and folder dialogs instead of showing them (host tests; a system dialog cannot
   * be driven from here). Only while the extension runs its tests (ExtensionMode.Test): otherwise
   * any installed extension could pick our save paths unseen, past the save dialog's "replace?".
   */
  answerFileDialogs?: (answer: FileDialogAnswerer) => vscode.Disposable;
  /** The rows of the Upcoming and Recent Runs views (host tests read them as the views do). */
  readonly activity: { upcoming: ActivityRows; recentRuns: ActivityRows };
  /** The credits status bar item as shown: text, tooltip (Markdown source), visible (host tests). */
  credits(): CreditsItemState;
}

/** A view's rows, as its TreeDataProvider gives them. */
export interface ActivityRows {
  getChildren(element?: ActivityNode): Promise<ActivityNode[]>;
  /** The item the view shows for a row (host tests read labels and run a row's click command). */
  getTreeItem(node: ActivityNode): vscode.TreeItem;
}

/**
 * Composition root: builds the features, hands each its dependencies in its constructor and owns
 * them all. Construction does no network I/O; anything that needs the server starts lazily when a
 * view or command asks for it.
 */
export class Container extends DisposableStore {
  private readonly agents: AgentsTreeFeature;
  private readonly runs: RunsFeature;
  private readonly runConfig: RunConfigFeature;
  private readonly insights: OnDemand<InsightsFeature>;
  private readonly activity: ActivityFeature;
  private readonly cost: CostFeature;
  private readonly fileDialogHook: typeof answerFileDialogs | undefined;

  constructor(context: vscode.ExtensionContext) {
    super();
    this.fileDialogHook = fileDialogHookFor(context.extensionMode);
    const platform = this.register(new VscodePlatform(context));
    const credentials = this.register(new CredentialsFeature(platform));
    const { commandContext, environments, clients, requireClient: api } = credentials;
    const watch = this.register(new WatchFeature(platform, commandContext, api));
    // Run health and cost per run: filled by the cost feature, read by the tree rows and the finish notifications.
    const book = this.register(new RunInsightsBook(() => readCostSettingsFromVscode().sensitivity));
    const agents = (this.agents = this.register(new AgentsTreeFeature({ platform, commandContext, environments, api, baseUrl: credentials.baseUrl, watched: watch.agents, insights: book })));
    const cost = (this.cost = this.register(new CostFeature({ platform, commandContext, environments, api, onDidListRuns: agents.model.onDidListRuns, book })));
    // Command-only features: their ids are registered now; the feature's code is imported (its own
    // chunk of the build) and the feature built on the first call.
    const failures = this.onDemand([CommandId.showRunDiagnostics], commandContext, async () => new (await import('./features/failures/failuresFeature.js')).FailuresFeature(platform, commandContext, api, (envId, agentId, runId) => cost.healthForDiagnostics(envId ?? DEFAULT_ENVIRONMENT_ID, agentId, runId)));
    const runLog = this.register(new RunLogFeature(platform, commandContext, api));
    this.insights = this.onDemand([CommandId.showAgentInsights], commandContext, async () => new (await import('./features/insights/insightsFeature.js')).InsightsFeature(platform, commandContext, api, context.extensionUri));
    this.register(new OutputTableFeature(platform));
    this.register(new RunFilesFeature(platform, commandContext, api));
    this.onDemand([CommandId.restoreVersion], commandContext, async () =>
      new (await import('./features/versions/versionsFeature.js')).VersionsFeature(commandContext, {
        api,
        locale: platform.locale,
        agentChanged: (envId, agentId) => {
          // The agent row (its version) lives in its parent's list; its runs compare against it.
          const env = envId ?? DEFAULT_ENVIRONMENT_ID;
          const node = agents.model.nodeById(NodeId.agent(env, agentId));
          agents.model.refresh(node ? agents.model.parentOf(node) : undefined);
          agents.model.invalidateRuns(env, agentId);
          agents.model.invalidateVersions(env, agentId);
        },
      }),
    );
    const runConfig = (this.runConfig = this.register(
      new RunConfigFeature({ log: platform.log, commandContext, api: () => clients.current(), onDidChangeApi: clients.onDidChange, showRun: agents.revealRun }),
    ));
    this.register(new SchedulesFeature(commandContext, agents.model, api, platform.locale, runConfig));
    // Every environment's followed runs, for watching (linked as the runs feature builds each tracker).
    const followed = this.register(new FollowedRuns());
    this.runs = this.register(
      new RunsFeature({
        platform,
        commandContext,
        clients,
        clientsOf: (envId) => environments.clientsOf(envId),
        showRun: agents.revealRun,
        actions: { 'Open Files': agents.openFile, 'Open Log': runLog.openLog, 'Why Did It Fail?': onDemandAction(CommandId.showRunDiagnostics, failures, (built) => built.whyDidItFail, commandContext), 'Open in Dashboard': agents.openInDashboard },
        linkTracker: (tracker, envId) => {
          const links = [agents.linkTracker(tracker, envId), cost.linkTracker(tracker, envId), followed.link(tracker, envId)];
          return { dispose: () => links.forEach((link) => link.dispose()) };
        },
        unusual: (envId, run) => healthLine(book.healthOf(envId, run), platform.locale),
        runsChanged: (envId, agentId) => agents.model.invalidateRuns(envId, agentId),
        runConfig,
      }),
    );
    this.activity = this.register(
      new ActivityFeature({
        platform,
        commandContext,
        environments,
        api,
        watchList: watch.list,
        model: agents.model,
        followed,
        announceFinish: this.runs.announceFinish,
      }),
    );
  }

  /** A feature whose only surface at activation is its commands: the ids now, the feature on the first call. */
  private onDemand<T extends DisposableLike>(commands: readonly CommandId[], wrapper: CommandWrapperDeps, build: () => Promise<T>): OnDemand<T> {
    const feature = this.register(new OnDemand(build));
    this.register(registerCommandsOnDemand(commands, feature, wrapper));
    return feature;
  }

  api(): SequentumExtensionApi {
    return {
      ready: true,
      tree: this.agents.model,
      runs: this.runs.tracker,
      treeSelection: () => this.agents.selection,
      treeItem: (node) => this.agents.treeItem(node),
      onDidShowPrompt,
      diagnosticsTrackedDocuments: () => this.runConfig.trackedDocuments(),
      insightsPanels: () => this.insights.built?.panelStates() ?? [],
      activity: { upcoming: this.activity.upcoming, recentRuns: this.activity.recentRuns },
      ...(this.fileDialogHook ? { answerFileDialogs: this.fileDialogHook } : {}),
      credits: () => this.cost.credits(),
    };
  }
}
