import PQueue from 'p-queue';
import type { DisposableLike } from '../lifecycle';
import { sleep, systemClock, timerDelay, type Clock } from '../clock';
import { CancelledError } from './errors';
import { LedgerLink } from './ledgerLink';
import { MAX_PAUSE_MS, NeighbourPressure, RECENT_WINDOWS } from './neighbourPressure';
import type { RequestPriority } from './sequentumApi';
import { WaitQueues, type RunOptions } from './budgetWaiters';
import { BudgetWindow, countedFrom, type BudgetOptions, type BudgetSnapshot, type Slot } from './budgetWindow';

export type { BudgetOptions, BudgetSnapshot } from './budgetWindow';
export type { RunOptions } from './budgetWaiters';


/**
 * One request budget per (origin, API key): a true sliding window in front of a p-queue.
 *
 * Why it can never exceed the server's limit: a slot is counted from the moment it is granted
 * (before the request is sent) until one full window after its response headers arrived. The
 * server sees each request at some instant between those two points, so any server window of
 * length W that contains L+1 arrivals would have required L+1 counted slots at the last grant —
 * which the scheduler refuses. Fixed intervals (p-queue intervalCap) can let 2L through across a boundary.
 *
 * All times are the clock's monotonic time: a wall-clock jump stalls nothing.
 */
export class BudgetScheduler implements DisposableLike {
  private readonly window: BudgetWindow;
  /** Until the first response arrived, one request at a time: it tells us the real limit. */
  private probed = false;
  private readonly clock: Clock;
  private readonly queues = new WaitQueues();
  private readonly pq: PQueue;
  private pausedUntil: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private readonly link: LedgerLink | undefined;
  /** When the shared ledger said to try again (Infinity: not waiting on it). */
  private ledgerRetryAt = Infinity;
  private readonly neighbour = new NeighbourPressure();
  private lastAnswerAt = -Infinity;
  private readonly listeners = new Set<(snapshot: BudgetSnapshot) => void>();
  private changeQueued = false;
  private isDisposed = false;

  constructor(options: BudgetOptions) {
    this.window = new BudgetWindow(options);
    this.clock = options.clock ?? systemClock;
    if (options.ledger) this.link = new LedgerLink(options.ledger, () => this.clock.now(), options.log, MAX_PAUSE_MS);
    this.pq = new PQueue({ concurrency: options.maxConcurrent ?? 8 });
  }

  /** A registry must never hand a disposed scheduler out again. */
  get disposed(): boolean {
    return this.isDisposed;
  }

  /** Applies settings; limit and window are ignored once the server's headers have set them. */
  configure(settings: { limit: number; windowSeconds: number; backgroundShare: number }): void {
    this.window.configure(settings);
    this.changed();
    this.pump();
  }

  /** Adopts X-RateLimit-Limit / X-RateLimit-Window-Seconds (bounded); they win over settings. */
  observeLimitHeaders(limit: number | undefined, windowSeconds: number | undefined): void {
    if (!this.window.observeLimitHeaders(limit, windowSeconds)) return;
    this.changed();
    this.pump();
  }

  /**
   * How much longer than the usual timeout an answer may take (asked when it runs out). A request
   * the server holds in its queue is answered when the window frees — at most one window after it
   * was sent, whoever else fills the window; timing out earlier sends a held GET twice and turns a
   * held start ambiguous. A neighbour can fill the window before we see any sign, so every request
   * to a server that has answered us gets the grace; a silent server that never answered gets none.
   */
  holdAllowanceMs(sentAt: number): number {
    const now = this.clock.now();
    const { windowMs } = this.window;
    if (this.lastAnswerAt === -Infinity) return 0;
    // Others of ours were answered since this one was sent, while it waits: the server holds it in
    // its queue, so the window is full although our count says otherwise — a sign of pressure.
    if (this.lastAnswerAt > sentAt && !this.neighbour.seenWithin(now, RECENT_WINDOWS * windowMs)) this.neighbour.signal(now, windowMs);
    return windowMs;
  }

  /**
   * After a 429: nothing is sent by anyone using this key until `retryAfterMs` has passed — in
   * this window and, through the shared ledger, in every other window using the key. Our count
   * had room (it is conservative), so someone else fills the window: background yields.
   */
  pauseFor(retryAfterMs: number): void {
    const now = this.clock.now();
    const until = now + Math.min(MAX_PAUSE_MS, Math.max(0, retryAfterMs));
    this.neighbour.signal(now, this.window.windowMs);
    this.link?.pause(until);
    this.pauseUntil(until);
  }

  private pauseUntil(until: number): void {
    if (this.isDisposed || (this.pausedUntil !== undefined && this.pausedUntil >= until)) return;
    this.pausedUntil = until;
    this.changed();
    void sleep(this.clock, until - this.clock.now()).then(() => {
      if (this.pausedUntil !== until) return;
      this.pausedUntil = undefined;
      this.changed();
      this.pump();
    });
  }

  /**
   * Runs `task` once the budget allows. Rejects with CancelledError when `signal` aborts before
   * the task started; once started, the task itself is responsible for honouring the signal.
   * The task calls `responded()` when the response headers arrive (a tighter bound than its end).
   */
  async run<T>(lane: RequestPriority, signal: AbortSignal | undefined, task: (responded: () => void) => Promise<T>, options: RunOptions = {}): Promise<T> {
    const slot = await this.acquire(lane, signal, options.startsWork ?? false);
    let running: Promise<T> | undefined;
    try {
      return await this.pq.add(
        () => {
          slot.sentAt = this.clock.now();
          running = task(() => this.responded(slot));
          return running;
        },
        { priority: lane === 'user' ? 1 : 0, signal },
      );
    } catch (error) {
      // p-queue rejects as soon as the signal aborts, even mid-flight; the task's own result
      // (with the right error type) is what callers must see.
      if (running) return await running;
      this.releaseUnused(slot);
      if (signal?.aborted) throw new CancelledError();
      throw error;
    } finally {
      if (running) {
        const done = (): void => this.complete(slot);
        void running.then(done, done);
      }
    }
  }

  snapshot(): BudgetSnapshot {
    const now = this.clock.now();
    this.window.prune(now);
    const snapshot: BudgetSnapshot = {
      ...this.window.counts(),
      backgroundLimit: this.backgroundLimit(now),
      queuedUser: this.queues.user.length,
      queuedBackground: this.queues.background.length,
    };
    // Internally monotonic; the status bar shows wall time.
    if (this.pausedUntil !== undefined) snapshot.pausedUntil = this.clock.wallNow() + (this.pausedUntil - now);
    if (this.neighbour.yielding(now, this.window.windowMs)) snapshot.yielding = true;
    if (this.link?.alone) snapshot.budgetingAlone = true;
    return snapshot;
  }

  /** Coalesced: at most one event per tick. */
  onDidChange(listener: (snapshot: BudgetSnapshot) => void): DisposableLike {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Settles every waiter, stops the timer, closes the ledger. Never throws; idempotent. */
  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    clearTimeout(this.timer);
    this.queues.failAll(new CancelledError());
    this.pq.clear();
    this.link?.dispose();
    this.listeners.clear();
  }

  private acquire(lane: RequestPriority, signal: AbortSignal | undefined, startsWork: boolean): Promise<Slot> {
    if (this.isDisposed || signal?.aborted) return Promise.reject(new CancelledError());
    const granted = this.queues.enqueue(lane, startsWork, signal, () => {
      this.changed();
      this.pump();
    });
    this.changed();
    this.pump();
    return granted;
  }

  /** Most background slots now: the share, less while someone else fills the window. */
  private backgroundLimit(now: number): number {
    const share = this.window.backgroundLimit();
    return Math.max(1, Math.floor(share * this.neighbour.factor(now, this.window.windowMs)));
  }

  /** Grants as many waiters as the window allows, user lane first. */
  private pump(): void {
    if (this.isDisposed) return;
    const now = this.clock.now();
    if (this.pausedUntil !== undefined && now < this.pausedUntil) return; // pauseUntil() resumes
    this.window.prune(now);
    let granted = false;
    /** Shared-ledger slots reserved in one lock round for the grants below; extras are released. */
    let reserved: number[] | undefined;
    // A request of ours in flight longer than a normal answer takes: the server holds it, its window is full.
    const heldUntil = this.window.heldUntil(now, this.neighbour.inFlightHoldMs(this.window.windowMs));
    const startsMayGo = heldUntil === Infinity;
    while (this.window.slots.length < this.window.limit) {
      // A burst sized by the settings could overrun a smaller server limit before its headers
      // arrive; the first request goes alone and the rest follow its answer.
      if (!this.probed && this.window.slots.some((s) => s.doneAt === undefined)) break;
      const waiter = this.queues.next(this.window.backgroundCount() < this.backgroundLimit(now), startsMayGo);
      if (!waiter) break;
      const slot: Slot = { lane: waiter.lane };
      if (this.link && reserved === undefined) {
        // Other windows' slots count too; when they fill the window, wait for the ledger's time.
        const wanted = this.probed ? Math.min(this.window.limit - this.window.slots.length, 1 + this.queues.size) : 1;
        const answer = this.link.reserve(now, this.window.limit, this.window.windowMs, wanted);
        if (answer.kind === 'paused') {
          // Another window got a 429: wait out its Retry-After like our own.
          this.queues.putBack(waiter);
          this.pauseUntil(answer.until);
          break;
        }
        reserved = answer.kind === 'slots' ? answer.ids : [];
        if (answer.kind === 'slots' && reserved.length < wanted) this.ledgerRetryAt = answer.retryAt;
        if (answer.kind === 'alone') reserved = undefined; // budgeting alone: our own count decides
      }
      if (reserved !== undefined) {
        const ledgerId = reserved.shift();
        if (ledgerId === undefined) {
          this.queues.putBack(waiter);
          break;
        }
        slot.ledgerId = ledgerId;
      }
      this.window.slots.push(slot);
      waiter.grant(slot);
      granted = true;
    }
    for (const id of reserved ?? []) this.link?.release(id);
    if (granted) this.changed();
    this.armTimer(now, heldUntil);
  }

  /** Wakes up when the oldest finished slot leaves the window (in-flight ones call complete()) or a hold ends. */
  private armTimer(now: number, heldUntil: number): void {
    const next = Math.min(this.ledgerRetryAt, this.window.nextExpiry(), heldUntil);
    this.ledgerRetryAt = Infinity;
    if (next !== Infinity && next < this.timerAt) {
      if (this.timer) clearTimeout(this.timer);
      this.timerAt = next;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.timerAt = Infinity;
        this.changed();
        this.pump();
      }, timerDelay(next - now + 1));
    }
    // With nobody waiting the timer only refreshes the status bar: it must not keep a process
    // (a CLI, a test run) alive for a whole window.
    if (this.queues.size > 0) this.timer?.ref();
    else this.timer?.unref();
  }

  private responded(slot: Slot): void {
    if (slot.respondedAt !== undefined) return;
    const now = (this.lastAnswerAt = slot.respondedAt = this.clock.now());
    if (slot.sentAt !== undefined) this.neighbour.observeAnswer(now - slot.sentAt, now, this.window.windowMs);
  }

  private complete(slot: Slot): void {
    slot.doneAt = this.clock.now();
    if (slot.ledgerId !== undefined) this.link?.complete(slot.ledgerId, countedFrom(slot) ?? slot.doneAt);
    this.probed = true;
    this.changed();
    this.pump();
  }

  private releaseUnused(slot: Slot): void {
    this.window.remove(slot);
    if (slot.ledgerId !== undefined) this.link?.release(slot.ledgerId);
    this.changed();
    this.pump();
  }

  private changed(): void {
    if (this.changeQueued || this.listeners.size === 0) return;
    this.changeQueued = true;
    queueMicrotask(() => {
      this.changeQueued = false;
      if (this.isDisposed) return;
      const snapshot = this.snapshot();
      for (const listener of this.listeners) listener(snapshot);
    });
  }
}
