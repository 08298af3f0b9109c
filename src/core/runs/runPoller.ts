import { CancelledError } from '../api/errors';
import type { SequentumApi } from '../api/sequentumApi';
import type { EventLike } from '../emitter';
import { describeError } from '../errors/describeError';
import type { DisposableLike } from '../lifecycle';
import { silentLogger, type Logger } from '../log';
import type { Clock } from '../clock';
import { minPollGapMs, runPollIntervalMs, type PollBudget } from './pollInterval';
import { runKey, type RunRef, type RunTracker, type TrackedRun } from './runTracker';
import { forLog } from '../text/sinks';

/** Window focus as the poller needs it (the adapter wraps vscode.window.state). */
export interface FocusPort {
  isFocused(): boolean;
  readonly onDidChangeFocus: EventLike<boolean>;
}

/** How long background polling goes on in a window without focus, by default. */
const DEFAULT_UNFOCUSED_PAUSE_MS = 5 * 60_000;

/**
 * Background polling pauses once the window has been unfocused for `pauseAfterMs` (monotonic ms);
 * `onChange` runs on every focus change so the owner reschedules. One piece for the run poller and
 * the run watcher (runWatcher.ts).
 */
export class FocusPause implements DisposableLike {
  private unfocusedSince: number | undefined;
  private readonly pauseAfterMs: number;
  private readonly subscription: DisposableLike | undefined;

  constructor(focus: FocusPort | undefined, clock: Clock, pauseAfterMs: number | undefined, onChange: () => void) {
    this.pauseAfterMs = pauseAfterMs ?? DEFAULT_UNFOCUSED_PAUSE_MS;
    if (focus && !focus.isFocused()) this.unfocusedSince = clock.now();
    this.subscription = focus?.onDidChangeFocus((focused) => {
      this.unfocusedSince = focused ? undefined : clock.now();
      onChange();
    });
  }

  /** True when a poll at `at` (monotonic ms) would fall in the pause. */
  pausesAt(at: number): boolean {
    return this.unfocusedSince !== undefined && at >= this.unfocusedSince + this.pauseAfterMs;
  }

  dispose(): void {
    void this.subscription?.dispose();
  }
}

export interface RunPollerOptions {
  /** The current client. */
  api: () => Promise<SequentumApi>;
  clock: Clock;
  /** Base interval (`sequentum.polling.intervalSeconds`) and the budget, read at each poll. */
  settings: () => { intervalSeconds: number; budget: PollBudget };
  /** Background requests already waiting in the client's queue; the poller adds none while > 0. */
  queuedBackground?: () => number;
  focus?: FocusPort;
  /** Polling pauses once the window has been unfocused this long, ms. Default 5 min. */
  pauseWhenUnfocusedMs?: number;
  log?: Logger;
  /**
   * Told about failures worth a person's attention (a refused key at once; offline, timeouts and
   * server errors once they repeat) and when polling succeeds again. The extension shows at most
   * one notification per cause until `cleared`.
   */
  failures?: PollFailureSink;
  /** Consecutive transient failures before they are reported. Default 3. */
  reportAfter?: number;
}

/** Where the poller reports failures in the background (BackgroundFailureNotifier in the extension). */
export interface PollFailureSink {
  failed(error: unknown): void;
  cleared(): void;
}

const MAX_ERROR_BACKOFF_MS = 5 * 60_000;

/**
 * Polls the tracker's runs with `getRunStatus` in the background lane: one request at a time, each
 * run at its own stretched interval, never faster than the background share allows, nothing
 * scheduled while no run is in flight or the window has been unfocused for long.
 */
export class RunPoller implements DisposableLike {
  private readonly nextDue = new Map<string, number>();
  private readonly failures = new Map<string, number>();
  private readonly subscriptions: DisposableLike[] = [];
  private readonly abort = new AbortController();
  private timer: DisposableLike | undefined;
  private timerAt = Infinity;
  private busy = false;
  private lastSentAt = -Infinity;
  private readonly focusPause: FocusPause;
  private pausedForAuth = false;
  private disposed = false;
  /** Failures in a row, over all runs (a per-run count would hide an outage spread over runs). */
  private failuresInRow = 0;
  private reported = false;
  private readonly log: Logger;

  constructor(
    private readonly tracker: RunTracker,
    private readonly options: RunPollerOptions,
  ) {
    this.log = options.log ?? silentLogger;
    this.focusPause = new FocusPause(options.focus, options.clock, options.pauseWhenUnfocusedMs, () => this.schedule());
    this.subscriptions.push(tracker.onDidChangeInFlight(() => this.schedule()), this.focusPause);
    this.schedule();
  }

  /** Whether a poll is scheduled or running (false when idle, paused or disposed). */
  get active(): boolean {
    return this.busy || this.timer !== undefined;
  }

  /** Polls this run as soon as the share allows (after a stop or kill, for instance). */
  pollSoon(ref: RunRef): void {
    this.nextDue.set(runKey(ref), this.options.clock.now());
    this.schedule();
  }

  /** Resumes after a pause for a missing or refused key (call when the client changed). */
  resume(): void {
    this.pausedForAuth = false;
    this.failures.clear();
    this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.abort.abort(new CancelledError());
    for (const subscription of this.subscriptions.splice(0)) void subscription.dispose();
  }

  private schedule(): void {
    if (this.disposed || this.busy || this.pausedForAuth) return;
    const runs = this.tracker.inFlight();
    for (const key of [...this.nextDue.keys()]) {
      if (!runs.some((tracked) => runKey(toRef(tracked)) === key)) this.nextDue.delete(key);
    }
    const { budget } = this.options.settings();
    const gap = minPollGapMs(budget);
    if (runs.length === 0 || gap === Infinity) {
      this.clearTimer();
      return;
    }
    const now = this.options.clock.now();
    let due = Infinity;
    for (const tracked of runs) due = Math.min(due, this.dueAt(tracked, runs.length));
    let at = Math.max(due, this.lastSentAt + gap, now);
    if ((this.options.queuedBackground?.() ?? 0) > 0) at = Math.max(at, now + gap);
    if (this.focusPause.pausesAt(at)) {
      this.clearTimer();
      return;
    }
    if (this.timer && this.timerAt === at) return;
    this.clearTimer();
    this.timerAt = at;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      void this.tick();
    }, at - now);
  }

  private dueAt(tracked: TrackedRun, inFlight: number): number {
    const key = runKey(toRef(tracked));
    let due = this.nextDue.get(key);
    if (due === undefined) {
      due = tracked.followedSince + this.intervalFor(tracked, inFlight, tracked.followedSince);
      this.nextDue.set(key, due);
    }
    return due;
  }

  private intervalFor(tracked: TrackedRun, inFlight: number, now: number): number {
    const { intervalSeconds, budget } = this.options.settings();
    const started = Date.parse(tracked.run.startTime ?? tracked.run.created ?? '');
    // A server timestamp is wall time; how long we have followed the run is monotonic.
    const runAgeMs = Number.isNaN(started) ? now - tracked.followedSince : Math.max(0, this.options.clock.wallNow() - started);
    return runPollIntervalMs({ baseSeconds: intervalSeconds, inFlight, runAgeMs, budget });
  }

  private async tick(): Promise<void> {
    if (this.disposed || this.busy) return;
    const runs = this.tracker.inFlight();
    const now = this.options.clock.now();
    const next = runs
      .map((tracked) => ({ tracked, due: this.dueAt(tracked, runs.length) }))
      .sort((a, b) => a.due - b.due)[0];
    // Re-check the client's queue at send time: a poll sent now would only wait behind others.
    if (!next || next.due > now || (this.options.queuedBackground?.() ?? 0) > 0) {
      this.schedule();
      return;
    }
    const ref = toRef(next.tracked);
    const key = runKey(ref);
    this.busy = true;
    this.lastSentAt = now;
    try {
      const api = await this.options.api();
      const run = await api.getRunStatus(ref.agentId, ref.runId, { priority: 'background', signal: this.abort.signal });
      if (this.disposed) return;
      this.failures.delete(key);
      this.failuresInRow = 0;
      if (this.reported) {
        this.reported = false;
        this.options.failures?.cleared();
      }
      this.tracker.update(run);
      this.nextDue.set(key, this.options.clock.now() + this.intervalFor(next.tracked, runs.length, this.options.clock.now()));
    } catch (error) {
      if (this.disposed || CancelledError.is(error)) return;
      this.onPollError(next.tracked, error, runs.length);
    } finally {
      this.busy = false;
      this.schedule();
    }
  }

  private onPollError(tracked: TrackedRun, error: unknown, inFlight: number): void {
    const ref = toRef(tracked);
    const key = runKey(ref);
    const { cause, needsKey } = describeError(error);
    if (cause === 'not-found') {
      this.log.info(`Run ${key} no longer exists; no longer following it`);
      this.tracker.forget(ref);
      return;
    }
    // Asking again with the same key cannot help: wait for a new client (resume()).
    if (needsKey) {
      this.log.warn(`Polling paused: ${forLog((error as Error).message)}`);
      this.pausedForAuth = true;
      this.report(error);
      return;
    }
    this.failuresInRow++;
    if (this.failuresInRow >= (this.options.reportAfter ?? 3)) this.report(error);
    const count = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, count);
    const now = this.options.clock.now();
    const backoff = Math.min(this.intervalFor(tracked, inFlight, now) * 2 ** count, MAX_ERROR_BACKOFF_MS);
    this.nextDue.set(key, now + backoff);
    this.log.warn(`Polling run ${key} failed (${count} in a row); next try in ${Math.round(backoff / 1000)} s`, error);
  }

  private report(error: unknown): void {
    this.reported = true;
    this.options.failures?.failed(error);
  }

  private clearTimer(): void {
    this.timer?.dispose();
    this.timer = undefined;
    this.timerAt = Infinity;
  }
}

function toRef(tracked: TrackedRun): RunRef {
  return { agentId: tracked.run.agentId, runId: tracked.run.id };
}
