import * as vscode from 'vscode';
import type { SequentumClient } from '../../core/api/client';
import type { ClientProvider } from '../../core/api/clientProvider';
import { CommandId } from '../../core/commandIds';
import { DisposableStore, type DisposableLike } from '../../core/lifecycle';
import type { RunConfigProblemSink } from '../../core/runConfig/runConfigSource';
import type { FocusPort, PollFailureSink } from '../../core/runs/runPoller';
import { RecentAgents } from '../../core/runs/recentAgents';
import type { RunPoller } from '../../core/runs/runPoller';
import type { RunStarter } from '../../core/runs/runStarter';
import type { RunRef, RunTracker } from '../../core/runs/runTracker';
import type { Run } from '../../core/api/model';
import { DEFAULT_ENVIRONMENT_ID } from '../../core/environments/defaultEnvironment';
import { commandAction, handlerOnFirstCall, registerCommands, type CommandContext, type CommandTable } from '../../platform/commandRegistry';
import { BackgroundFailureNotifier, showFailure } from '../../platform/failureNotifier';
import type { VscodePlatform } from '../../platform/vscodePlatform';
import { EnvironmentRuns } from './environmentRuns';
import type { RunCommandDeps, RunsDeps } from './runDeps';
import { registerRunNotifications, showFinishNotice, type FinishActions } from './runNotifications';
import { RunsStatusBar } from './runsStatusBar';

const runAgain = handlerOnFirstCall(async () => (await import('./runAgain.js')).runAgain);

// Each feature declares its own command table and options (duplicates pairs this with the Agents
// view's by shape): per-feature wiring, no logic to share. Each handler's module loads on its first call.
const RUN_COMMANDS: CommandTable<RunCommandDeps & CommandContext> = {
  [CommandId.startRun]: handlerOnFirstCall(async () => (await import('./startRun.js')).startRun),
  [CommandId.stopRun]: handlerOnFirstCall(async () => (await import('./stopRun.js')).stopRun),
  [CommandId.killRun]: handlerOnFirstCall(async () => (await import('./killRun.js')).killRun),
  [CommandId.showRunsInFlight]: handlerOnFirstCall(async () => (await import('./showRunsInFlight.js')).showRunsInFlight),
  [CommandId.runAgain]: runAgain,
  [CommandId.deleteRun]: handlerOnFirstCall(async () => (await import('./deleteRun.js')).deleteRun),
  [CommandId.runAllInSpace]: handlerOnFirstCall(async () => (await import('./runAllInSpace.js')).runAllInSpace),
};

export interface RunsFeatureOptions {
  platform: VscodePlatform;
  commandContext: CommandContext;
  /** The default environment's clients. */
  clients: ClientProvider<SequentumClient>;
  /** The clients of another environment (`sequentum.environments`); undefined when unknown. */
  clientsOf: (envId: string) => ClientProvider<SequentumClient> | undefined;
  /** Shows an existing run ("Open existing run"): in the tree, else the dashboard. */
  showRun: (ref: RunRef & { envId?: string }) => Promise<void>;
  /** The finish notification's buttons (Run Again is this feature's own); `Open in Dashboard` also serves Runs in Flight. */
  actions: Omit<FinishActions, 'Run Again'>;
  /** Connects an environment's tracker to the tree (both ways); called once per environment. */
  linkTracker: (tracker: RunTracker, envId: string) => DisposableLike;
  /** Run-config files: told how their starts ended and how their runs change (CodeLens). */
  runConfig: RunConfigProblemSink & { runChanged(run: Run): void };
  /** Run health's line for a finished run that looks wrong, per environment (the finish notification says it). */
  unusual?: (envId: string, run: Run) => string | undefined;
  /** An agent's runs changed beyond what the tracker says (a run deleted): the tree lists them again. */
  runsChanged?: (envId: string, agentId: number) => void;
}

/**
 * The runs feature: per environment a tracker, poller and starter (the default one at once, others
 * when first used); the run commands, status bar and finish notifications. `tracker` is the default
 * environment's, which the status bar, the run-config CodeLens and the extension API follow.
 */
export class RunsFeature extends DisposableStore {
  readonly tracker: RunTracker;
  readonly starter: () => Promise<RunStarter>;
  readonly poller: RunPoller;
  /**
   * Shows the run-finished notification of a run this window did not follow (a watched agent's run
   * started elsewhere), with the same words and buttons as a followed run's; the buttons act in the
   * run's environment.
   */
  readonly announceFinish = (run: Run, envId: string = DEFAULT_ENVIRONMENT_ID): void =>
    showFinishNotice(run, 'all', { ...this.options.actions, 'Run Again': (ref) => this.runAgain(ref) }, this.options.platform.log, envId === DEFAULT_ENVIRONMENT_ID ? undefined : envId);
  /** What the run commands receive (default environment; `forEnvironment` for a node of another). */
  readonly deps: RunsDeps;
  private readonly others = new Map<string, { runs: EnvironmentRuns; deps: RunsDeps }>();
  private readonly backgroundFailures: PollFailureSink;
  private readonly recentAgents: RecentAgents;
  private readonly focus: FocusPort = {
    isFocused: () => vscode.window.state.focused,
    onDidChangeFocus: (listener) => vscode.window.onDidChangeWindowState((state) => listener(state.focused)),
  };

  constructor(private readonly options: RunsFeatureOptions) {
    super();
    const { platform, commandContext, clients } = options;
    const pollFailures = new BackgroundFailureNotifier(commandContext);
    this.backgroundFailures = {
      failed: (error) => void pollFailures.failed(error, { prefix: vscode.l10n.t('Following runs in flight') }),
      cleared: () => pollFailures.cleared(),
    };
    this.recentAgents = new RecentAgents(platform.context.globalState);
    const main = this.environmentRuns(DEFAULT_ENVIRONMENT_ID);
    ({ tracker: this.tracker, starter: this.starter, poller: this.poller } = main);
    // Starts from a run-config CodeLens report back to their file; followed runs update its lens.
    this.register(this.tracker.onDidChangeRun((event) => options.runConfig.runChanged(event.run)));
    this.register(
      new RunsStatusBar(this.tracker, {
        current: () => clients.peek()?.budget,
        onDidChange: (listener) => clients.onDidChange(listener),
      }),
    );
    this.deps = { ...this.depsOf(main), forEnvironment: (envId) => this.forEnvironment(envId) };
    this.register(registerCommands(RUN_COMMANDS, { ...commandContext, runs: this.deps }));
    this.runAgain = commandAction(CommandId.runAgain, runAgain, { ...commandContext, runs: this.deps });
  }

  /** Run Again as a port (the run-finished notification's button); the run's environment comes with the ref. */
  readonly runAgain: (ref: { agentId: number; runId: number; envId?: string }) => Promise<void>;

  /** One environment's tracker, poller and starter, with its notifications and tree link. */
  private environmentRuns(envId: string, clients = this.options.clients): EnvironmentRuns {
    const { platform, linkTracker, actions } = this.options;
    const { settings, log } = platform;
    const runs = this.register(new EnvironmentRuns({ clients, settings, log, focus: this.focus, backgroundFailures: this.backgroundFailures }));
    // Run Again is looked up when clicked: the command table is registered after the default environment is built.
    const all: FinishActions = { ...actions, 'Run Again': (ref) => this.runAgain(ref) };
    const unusual = this.options.unusual;
    this.register(registerRunNotifications(runs.tracker, all, settings, log, envId === DEFAULT_ENVIRONMENT_ID ? undefined : envId, unusual && ((run) => unusual(envId, run))));
    this.register(linkTracker(runs.tracker, envId));
    return runs;
  }

  private depsOf(runs: EnvironmentRuns, envId?: string): RunsDeps {
    const { commandContext, showRun, actions, runConfig } = this.options;
    const withEnv = <R extends RunRef>(ref: R) => (envId ? { ...ref, envId } : ref);
    return {
      api: runs.api,
      starter: runs.starter,
      tracker: runs.tracker,
      pollSoon: (ref) => runs.poller.pollSoon(ref),
      recentAgents: this.recentAgents,
      openInDashboard: (ref) => actions['Open in Dashboard'](ref),
      showRun: (ref) => showRun(withEnv(ref)),
      showFailure: (error, failure) => showFailure(error, commandContext, failure),
      runConfigProblems: runConfig,
      runsChanged: (agentId) => this.options.runsChanged?.(envId ?? DEFAULT_ENVIRONMENT_ID, agentId),
    };
  }

  /** Run deps on another environment's client; the default deps for the default id; undefined for an unknown id. */
  private forEnvironment(envId: string): RunsDeps | undefined {
    if (envId === DEFAULT_ENVIRONMENT_ID) return this.deps;
    const existing = this.others.get(envId);
    if (existing) return existing.deps;
    const clients = this.options.clientsOf(envId);
    if (!clients) return undefined;
    const runs = this.environmentRuns(envId, clients);
    const entry = { runs, deps: this.depsOf(runs, envId) };
    this.others.set(envId, entry);
    return entry.deps;
  }
}
