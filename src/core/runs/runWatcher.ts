import { CancelledError, NoApiKeyError } from '../api/errors';
import type { FailedRunDetail, RunsSummary } from '../api/runsSummary';
import type { SequentumApi } from '../api/sequentumApi';
import type { Clock } from '../clock';
import { Emitter, type EventLike } from '../emitter';
import { describeError } from '../errors/describeError';
import type { DisposableLike } from '../lifecycle';
import { silentLogger, type Logger } from '../log';
import { minPollGapMs, type PollBudget } from './pollInterval';
import { FocusPause, type FocusPort, type PollFailureSink } from './runPoller';
import type { RunRef } from './runTracker';

const DAY_MS = 86_400_000;
const MAX_ERROR_BACKOFF_MS = 5 * 60_000;
const MAX_SEEN = 10_000;

/** `sequentum.watch.notify`: whose failures started elsewhere are announced. */
export type WatchNotify = 'watched' | 'allFailures' | 'off';

/**
 * Gap between two N1 polls, ms: three base intervals, at most two per rate-limit window, and never
 * more than a tenth of the background share (so run polling keeps the rest). Defaults (10 s,
 * 100 per 60 s, share 0.2): 33 s — 2 of the 20 background requests a window.
 *
 * Two per window gets a tenth of headroom (33 s, not 30 s): a poll's request reaches the server a
 * little after the poll starts (the client, the budget queue), by an amount that varies, so polls
 * exactly half a window apart put three requests into some sliding window (seen in the watching
 * bench: 3 in one 60 s window of 62 minutes).
 */
export function watchPollIntervalMs(intervalSeconds: number, budget: PollBudget): number {
  const gap = minPollGapMs(budget);
  if (gap === Infinity) return Infinity;
  return Math.max(3 * Math.max(1, intervalSeconds) * 1000, ((budget.windowSeconds * 1000) / 2) * 1.1, 10 * gap);
}

export interface RunWatcherOptions {
  api: () => Promise<SequentumApi>;
  clock: Clock;
  settings: () => { notify: WatchNotify; intervalSeconds: number; budget: PollBudget };
  /** Whether an agent is on the watch list, and whether any is. */
  isWatched(agentId: number): boolean;
  hasWatched(): boolean;
  /** True while someone shows the summary (the Recent Runs view is visible): poll even with nothing watched. */
  wanted(): boolean;
  /** Runs this window follows itself: their finish is announced by the run poller, not here. */
  isFollowedHere?(ref: RunRef): boolean;
  /** Background requests already waiting in the client's queue; no poll is added while > 0. */
  queuedBackground?: () => number;
  focus?: FocusPort;
  /** Polling stops once the window has been unfocused this long, ms. Default 5 min (as run polling). */
  pauseWhenUnfocusedMs?: number;
  log?: Logger;
  failures?: PollFailureSink;
}

/** The last N1 answer (or failure) and when it came (wall ms). */
export interface WatchSnapshot {
  summary?: RunsSummary;
  error?: unknown;
  at?: number;
}

/**
 * Notices runs that ended in failure without this window having started or followed them
 * (schedule fires, teammates, scripts): one N1 request (`includeDetails`, last 24 hours) per poll
 * for the whole account — never one per agent — in the background lane, at
 * {@link watchPollIntervalMs}. Failures already there when watching began are not announced; each
 * failure is announced once. Idle when nothing is watched (and `allFailures` is off) and nobody
 * looks at the summary, or when the window has been in the background for long.
 */
export class RunWatcher implements DisposableLike {
  private readonly seen = new Set<string>();
  private readonly noticed = new Emitter<FailedRunDetail>({ name: 'RunWatcher.onDidNoticeFailure' });
  private readonly updated = new Emitter<WatchSnapshot>({ name: 'RunWatcher.onDidUpdate' });
  private readonly subscriptions: DisposableLike[] = [];
  private readonly abort = new AbortController();
  private readonly log: Logger;
  /** Wall ms watching (last) began: failures that ended before are history, not news. */
  private since: number;
  /** Whether the last schedule() found polling needed (watching restarts when it turns true). */
  private wasNeeded = false;
  private timer: DisposableLike | undefined;
  private busy: Promise<void> | undefined;
  private lastSentAt = -Infinity;
  private errorsInRow = 0;
  private reported = false;
  private pausedForAuth = false;
  private readonly focusPause: FocusPause;
  private disposed = false;
  private snapshotValue: WatchSnapshot = {};
  /** False until the first answer: failures in it without any time are taken as history. */
  private baselined = false;

  /** A failure worth announcing (per `sequentum.watch.notify`). */
  readonly onDidNoticeFailure: EventLike<FailedRunDetail> = this.noticed.event;
  /** Every N1 answer or failure (the Recent Runs view redraws). */
  readonly onDidUpdate: EventLike<WatchSnapshot> = this.updated.event;

  constructor(private readonly options: RunWatcherOptions) {
    this.log = options.log ?? silentLogger;
    this.since = options.clock.wallNow();
    this.focusPause = new FocusPause(options.focus, options.clock, options.pauseWhenUnfocusedMs, () => this.schedule());
    this.subscriptions.push(this.focusPause);
    this.schedule();
  }

  get snapshot(): WatchSnapshot {
    return this.snapshotValue;
  }

  /** Whether a poll is scheduled or running. */
  get active(): boolean {
    return this.timer !== undefined || this.busy !== undefined;
  }

  /** The watch list, the setting or the view's visibility changed: start, stop or keep polling. */
  poke(): void {
    this.schedule();
  }

  /** A new client (key changed): polling may resume after a refused key. */
  resume(): void {
    this.pausedForAuth = false;
    this.schedule();
  }

  /** A run this window announced itself (the run poller): never announce it again. */
  markAnnounced(ref: RunRef): void {
    this.seen.add(`${ref.agentId}/${ref.runId}`);
  }

  /**
   * Polls now and resolves when the answer is in: Refresh at user priority; a view's first read in
   * the background lane, like every other read nobody clicked for (watching stays in the share).
   */
  async pollNow(priority: 'user' | 'background' = 'user'): Promise<void> {
    if (this.busy) return this.busy;
    await this.poll(priority);
  }

  dispose(): void {
    this.disposed = true;
    this.timer?.dispose();
    this.timer = undefined;
    this.abort.abort(new CancelledError());
    for (const subscription of this.subscriptions.splice(0)) void subscription.dispose();
    this.noticed.dispose();
    this.updated.dispose();
  }

  private needed(): boolean {
    const { notify } = this.options.settings();
    const watching = notify === 'allFailures' || (notify === 'watched' && this.options.hasWatched());
    return watching || this.options.wanted();
  }

  private schedule(): void {
    if (this.disposed || this.busy || this.pausedForAuth) return;
    this.timer?.dispose();
    this.timer = undefined;
    const { intervalSeconds, budget } = this.options.settings();
    const interval = watchPollIntervalMs(intervalSeconds, budget) * 2 ** Math.min(this.errorsInRow, 4);
    const needed = this.needed();
    // Watching starts again after an idle spell (nothing watched, the view hidden, notify off): what
    // failed meanwhile was not watched, so it is history too — not a burst of old news at the first poll.
    if (needed && !this.wasNeeded) this.since = Math.max(this.since, this.options.clock.wallNow());
    this.wasNeeded = needed;
    if (!needed || interval === Infinity) return;
    const now = this.options.clock.now();
    let at = Math.max(now, this.lastSentAt + Math.min(interval, MAX_ERROR_BACKOFF_MS));
    if ((this.options.queuedBackground?.() ?? 0) > 0) at = Math.max(at, now + minPollGapMs(budget));
    if (this.focusPause.pausesAt(at)) return;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      void this.poll('background');
    }, at - now);
  }

  private poll(priority: 'user' | 'background'): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.timer?.dispose();
    this.timer = undefined;
    this.lastSentAt = this.options.clock.now();
    const run = this.fetch(priority).finally(() => {
      this.busy = undefined;
      this.schedule();
    });
    this.busy = run;
    return run;
  }

  private async fetch(priority: 'user' | 'background'): Promise<void> {
    const wallNow = this.options.clock.wallNow();
    // The end lies an hour ahead: a server clock running ahead of ours must not hide its newest runs.
    const range = { startDate: new Date(wallNow - DAY_MS).toISOString(), endDate: new Date(wallNow + 3_600_000).toISOString() };
    try {
      const api = await this.options.api();
      const summary = await api.getRunsSummary({ ...range, includeDetails: true }, { priority, signal: this.abort.signal });
      if (this.disposed) return;
      this.errorsInRow = 0;
      if (this.reported) {
        this.reported = false;
        this.options.failures?.cleared();
      }
      this.notice(summary.failedRunDetails);
      this.snapshotValue = { summary, at: wallNow };
    } catch (error) {
      if (this.disposed || CancelledError.is(error)) return;
      this.errorsInRow++;
      this.snapshotValue = { ...this.snapshotValue, error, at: wallNow };
      // Asking again with the same key cannot help: wait for a new client (resume()).
      if (describeError(error).needsKey) this.pausedForAuth = true;
      // No key yet is setup, not a failure: the Agents view's welcome already asks for one, and a
      // toast of its own would nag at every start. A refused key is reported once, as run polling does.
      if (NoApiKeyError.is(error)) {
        this.log.info('Watching runs: paused until an API key is set');
      } else if (this.pausedForAuth || this.errorsInRow >= 3) {
        this.reported = true;
        this.options.failures?.failed(error);
      }
      this.log.warn(`Watching runs: the runs summary failed (${this.errorsInRow} in a row)`, error);
    }
    this.updated.fire(this.snapshotValue);
  }

  private notice(failures: readonly FailedRunDetail[]): void {
    const { notify } = this.options.settings();
    for (const failure of [...failures].reverse()) {
      const key = `${failure.agentId}/${failure.runId}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      const ended = Date.parse(failure.endTime ?? failure.startTime ?? '');
      if (Number.isFinite(ended) ? ended < this.since : !this.baselined) continue;
      if (this.options.isFollowedHere?.({ agentId: failure.agentId, runId: failure.runId })) continue;
      if (notify === 'allFailures' || (notify === 'watched' && this.options.isWatched(failure.agentId))) this.noticed.fire(failure);
    }
    this.baselined = true;
    // A day of failures is what N1 returns; older keys can never come back.
    while (this.seen.size > MAX_SEEN) this.seen.delete(this.seen.values().next().value as string);
  }
}
