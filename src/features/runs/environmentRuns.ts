import type { SequentumClient } from '../../core/api/client';
import { requireClient, type ClientProvider } from '../../core/api/clientProvider';
import { DisposableStore } from '../../core/lifecycle';
import type { Logger } from '../../core/log';
import { systemClock } from '../../core/clock';
import { RunPoller, type FocusPort, type PollFailureSink } from '../../core/runs/runPoller';
import { OnDemand } from '../../core/onDemand';
import type { RunStarter } from '../../core/runs/runStarter';
import { RunTracker } from '../../core/runs/runTracker';
import type { SequentumSettings } from '../../core/settings';

export interface EnvironmentRunsOptions {
  clients: ClientProvider<SequentumClient>;
  settings: () => SequentumSettings;
  log: Logger;
  focus: FocusPort;
  backgroundFailures?: PollFailureSink;
}

/**
 * One environment's run machinery: the tracker of its followed runs, the starter (duplicate check,
 * single flight, reconciliation; imported on the first start) and the poller — all on that environment's client and budget, so
 * run ids of different servers never mix and each key's budget stays its own.
 */
export class EnvironmentRuns extends DisposableStore {
  readonly tracker: RunTracker;
  /** The starter, imported and built on the first start (nothing is pending before one). */
  readonly starter: () => Promise<RunStarter>;
  readonly poller: RunPoller;
  /** The environment's current client; rejects with NoApiKeyError without a key. */
  readonly api: () => Promise<SequentumClient>;

  constructor({ clients, settings, log, focus, backgroundFailures }: EnvironmentRunsOptions) {
    super();
    this.api = () => requireClient(clients.current());
    this.tracker = this.register(new RunTracker(systemClock));
    const starter = this.register(
      new OnDemand(async () => new (await import('../../core/runs/runStarter.js')).RunStarter({ api: this.api, clock: systemClock, log, onDidStart: (run) => this.tracker.follow(run, 'starting') })),
    );
    this.starter = () => starter.get();
    this.poller = this.register(
      new RunPoller(this.tracker, {
        api: this.api,
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
        focus,
      }),
    );
    this.register(clients.onDidChange(() => this.poller.resume()));
  }
}
