import * as vscode from 'vscode';
import type { RunsDeps } from '../commands/runDeps';
import type { SequentumClient } from '../core/api/client';
import type { ClientProvider } from '../core/api/clientProvider';
import { NoApiKeyError } from '../core/api/errors';
import { DisposableStore } from '../core/lifecycle';
import type { Logger } from '../core/log';
import { systemClock } from '../core/runs/clock';
import { RecentAgents } from '../core/runs/recentAgents';
import { RunPoller, type PollFailureSink } from '../core/runs/runPoller';
import { RunStarter } from '../core/runs/runStarter';
import { RunTracker, type RunRef } from '../core/runs/runTracker';
import type { SequentumSettings } from '../core/settings';
import { registerRunNotifications } from './runNotifications';
import { RunsStatusBar } from './runsStatusBar';

export interface RunsFeatureOptions {
  context: vscode.ExtensionContext;
  clients: ClientProvider<SequentumClient>;
  settings: () => SequentumSettings;
  log: Logger;
  /** The standard failure notification for user actions (start refusals). */
  showFailure: RunsDeps['showFailure'];
  /** Polling failures: at most one notification per cause until polling succeeds again. */
  backgroundFailures?: PollFailureSink;
}

/** "Open existing run", the CodeLens "Open run": the run selected in the tree. */
const REVEAL_RUN = 'sequentum.revealRun';

/**
 * The runs feature: tracker, poller, starter, status bar and finish notifications, wired to the
 * current client. `deps` is what the run commands receive; `tracker` is what the tree subscribes
 * to (onDidChangeRun) and feeds (observe) with the in-flight runs it lists.
 */
export class RunsFeature extends DisposableStore {
  readonly tracker: RunTracker;
  readonly starter: RunStarter;
  readonly poller: RunPoller;
  readonly deps: RunsDeps;

  constructor({ context, clients, settings, log, showFailure, backgroundFailures }: RunsFeatureOptions) {
    super();
    const api = async (): Promise<SequentumClient> => {
      const client = await clients.current();
      if (!client) throw new NoApiKeyError();
      return client;
    };
    this.tracker = this.register(new RunTracker(systemClock));
    this.starter = this.register(
      new RunStarter({ api, clock: systemClock, log, onDidStart: (run) => this.tracker.follow(run, 'starting') }),
    );
    this.poller = this.register(
      new RunPoller(this.tracker, {
        api,
        clock: systemClock,
        log,
        settings: () => {
          const current = settings();
          const snapshot = clients.peek()?.budget.snapshot();
          return {
            intervalSeconds: current.polling.intervalSeconds,
            budget: {
              requests: snapshot?.limit ?? current.rateLimit.requests,
              windowSeconds: snapshot?.windowSeconds ?? current.rateLimit.windowSeconds,
              share: current.polling.backgroundShare,
            },
          };
        },
        queuedBackground: () => clients.peek()?.budget.snapshot().queuedBackground ?? 0,
        failures: backgroundFailures,
        focus: {
          isFocused: () => vscode.window.state.focused,
          onDidChangeFocus: (listener) => vscode.window.onDidChangeWindowState((state) => listener(state.focused)),
        },
      }),
    );
    this.register(clients.onDidChange(() => this.poller.resume()));
    this.register(registerRunNotifications(this.tracker, settings, log));
    this.register(
      new RunsStatusBar(this.tracker, {
        current: () => clients.peek()?.budget,
        onDidChange: (listener) => clients.onDidChange(listener),
      }),
    );
    this.deps = {
      api,
      starter: this.starter,
      tracker: this.tracker,
      pollSoon: (ref) => this.poller.pollSoon(ref),
      recentAgents: new RecentAgents(context.globalState),
      execute: (command, ...args) => Promise.resolve(vscode.commands.executeCommand(command, ...args)),
      showRun: (ref) => showRun(ref),
      showFailure,
    };
  }
}

/** Reveals the run in the tree (which itself falls back to the dashboard when it cannot). */
async function showRun(ref: RunRef): Promise<void> {
  await vscode.commands.executeCommand(REVEAL_RUN, ref);
}
