import * as vscode from 'vscode';
import type { RunsDeps } from './runDeps';
import type { SequentumClient } from '../../core/api/client';
import type { ClientProvider } from '../../core/api/clientProvider';
import { DisposableStore, type DisposableLike } from '../../core/lifecycle';
import type { Logger } from '../../core/log';
import type { FocusPort, PollFailureSink } from '../../core/runs/runPoller';
import { RecentAgents } from '../../core/runs/recentAgents';
import type { RunPoller } from '../../core/runs/runPoller';
import type { RunStarter } from '../../core/runs/runStarter';
import type { RunRef, RunTracker } from '../../core/runs/runTracker';
import type { SequentumSettings } from '../../core/settings';
import { DEFAULT_ENVIRONMENT_ID } from '../../core/environments/defaultEnvironment';
import { EnvironmentRuns } from './environmentRuns';
import { registerRunNotifications } from './runNotifications';
import { RunsStatusBar } from './runsStatusBar';

export interface RunsFeatureOptions {
  context: vscode.ExtensionContext;
  /** The default environment's clients. */
  clients: ClientProvider<SequentumClient>;
  /** The clients of another environment (`sequentum.environments`); undefined when unknown. */
  clientsOf?: (envId: string) => ClientProvider<SequentumClient> | undefined;
  settings: () => SequentumSettings;
  log: Logger;
  /** The standard failure notification for user actions (start refusals). */
  showFailure: RunsDeps['showFailure'];
  /** Polling failures: at most one notification per cause until polling succeeds again. */
  backgroundFailures?: PollFailureSink;
  /** Connects an environment's tracker to the tree (both ways); called once per environment. */
  linkTracker?: (tracker: RunTracker, envId: string) => DisposableLike;
}

/** "Open existing run", the CodeLens "Open run": the run selected in the tree. */
const REVEAL_RUN = 'sequentum.revealRun';

/**
 * The runs feature: per environment a tracker, poller and starter (the default one at once, others
 * when first used); status bar and finish notifications. `deps` is what the run commands receive
 * (default environment; `forEnvironment` for a node of another); `tracker` is the default
 * environment's, which the status bar, the run-config CodeLens and the extension API follow.
 */
export class RunsFeature extends DisposableStore {
  readonly tracker: RunTracker;
  readonly starter: RunStarter;
  readonly poller: RunPoller;
  readonly deps: RunsDeps;
  private readonly others = new Map<string, { runs: EnvironmentRuns; deps: RunsDeps }>();
  private readonly focus: FocusPort = {
    isFocused: () => vscode.window.state.focused,
    onDidChangeFocus: (listener) => vscode.window.onDidChangeWindowState((state) => listener(state.focused)),
  };

  constructor(private readonly options: RunsFeatureOptions) {
    super();
    const { context, clients, settings, log } = options;
    const main = this.register(new EnvironmentRuns({ clients, settings, log, focus: this.focus, backgroundFailures: options.backgroundFailures }));
    ({ tracker: this.tracker, starter: this.starter, poller: this.poller } = main);
    this.register(registerRunNotifications(this.tracker, settings, log));
    if (options.linkTracker) this.register(options.linkTracker(this.tracker, DEFAULT_ENVIRONMENT_ID));
    this.register(
      new RunsStatusBar(this.tracker, {
        current: () => clients.peek()?.budget,
        onDidChange: (listener) => clients.onDidChange(listener),
      }),
    );
    const recentAgents = new RecentAgents(context.globalState);
    this.deps = { ...this.depsOf(main, recentAgents), forEnvironment: (envId) => this.forEnvironment(envId, recentAgents) };
  }

  private depsOf(runs: EnvironmentRuns, recentAgents: RecentAgents, envId?: string): RunsDeps {
    return {
      api: runs.api,
      starter: runs.starter,
      tracker: runs.tracker,
      pollSoon: (ref) => runs.poller.pollSoon(ref),
      recentAgents,
      execute: (command, ...args) => Promise.resolve(vscode.commands.executeCommand(command, ...args)),
      showRun: (ref) => showRun(envId ? { ...ref, envId } : ref),
      showFailure: this.options.showFailure,
    };
  }

  /** Run deps on another environment's client; the default deps for the default id; undefined for an unknown id. */
  private forEnvironment(envId: string, recentAgents: RecentAgents): RunsDeps | undefined {
    if (envId === DEFAULT_ENVIRONMENT_ID) return this.deps;
    const existing = this.others.get(envId);
    if (existing) return existing.deps;
    const clients = this.options.clientsOf?.(envId);
    if (!clients) return undefined;
    const { settings, log } = this.options;
    const runs = this.register(new EnvironmentRuns({ clients, settings, log, focus: this.focus, backgroundFailures: this.options.backgroundFailures }));
    this.register(registerRunNotifications(runs.tracker, settings, log, envId));
    if (this.options.linkTracker) this.register(this.options.linkTracker(runs.tracker, envId));
    const entry = { runs, deps: this.depsOf(runs, recentAgents, envId) };
    this.others.set(envId, entry);
    return entry.deps;
  }
}

/** Reveals the run in the tree (which itself falls back to the dashboard when it cannot). */
async function showRun(ref: RunRef & { envId?: string }): Promise<void> {
  await vscode.commands.executeCommand(REVEAL_RUN, ref);
}
