import PQueue from 'p-queue';
import type { DisposableLike } from '../lifecycle';
import { sleep, systemClock, timerDelay, type Clock } from '../clock';
import { CancelledError } from './errors';
import type { RequestPriority } from './sequentumApi';
import type { BudgetLedger } from './sharedLedger';
import { BudgetWindow, countedFrom, type BudgetSnapshot, type Slot } from './budgetWindow';

export type { BudgetSnapshot } from './budgetWindow';

export interface BudgetOptions {
  limit: number;
  windowSeconds: number;
  /** 0–1; background may use at most this share of the window budget (at least one request). */
  backgroundShare: number;
  /** Most requests on the wire at once. */
  maxConcurrent?: number;
  clock?: Clock;
  /**
   * Shared with other extension hosts (sharedLedger.ts, added by the proof/bench work): consulted
   * before each grant so all windows using the key stay within one budget. It speaks the clock's
   * monotonic time, which the system clock takes from the machine-wide monotonic clock (the same
   * in every process). The scheduler disposes it.
   */
  ledger?: BudgetLedger;
}

interface Waiter {
  lane: RequestPriority;
  grant(slot: Slot): void;
  fail(error: Error): void;
}

/**
 * One request budget per (origin, API key): a true sliding window in front of a p-queue.
 *
 * Why it can never exceed the server's limit: a slot is counted from the moment it is granted
 * (before the request is sent) until one full window after its response headers arrived. The
 * server sees each request at some instant between those two points, so any server window of
 * length W that contains L+1 arrivals would have required L+1 counted slots at the last grant —
 * which the scheduler refuses. Fixed intervals (p-queue intervalCap) can let 2L through across a boundary.
 */
export class BudgetScheduler implements DisposableLike {
  private readonly window: BudgetWindow;
  /** Until the first response arrived, one request at a time: it tells us the real limit. */
  private probed = false;
  private readonly clock: Clock;
  private readonly queues: Record<RequestPriority, Waiter[]> = { user: [], background: [] };
  private readonly pq: PQueue;
  private pausedUntil: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private readonly ledger: BudgetLedger | undefined;
  /** When the shared ledger said to try again (Infinity: not waiting on it). */
  private ledgerRetryAt = Infinity;
  private readonly listeners = new Set<(snapshot: BudgetSnapshot) => void>();
  private changeQueued = false;
  private disposed = false;

  constructor(options: BudgetOptions) {
    this.window = new BudgetWindow(options);
    this.clock = options.clock ?? systemClock;
    this.ledger = options.ledger;
    this.pq = new PQueue({ concurrency: options.maxConcurrent ?? 8 });
  }

  /** Applies settings; limit and window are ignored once the server's headers have set them. */
  configure(settings: { limit: number; windowSeconds: number; backgroundShare: number }): void {
    this.window.configure(settings);
    this.changed();
    this.pump();
  }

  /** Adopts X-RateLimit-Limit / X-RateLimit-Window-Seconds; they win over settings. */
  observeLimitHeaders(limit: number | undefined, windowSeconds: number | undefined): void {
    const changed = this.window.observeLimitHeaders(limit, windowSeconds);
    if (changed) {
      this.changed();
      this.pump();
    }
  }

  /**
   * After a 429: nothing is sent by anyone using this key until `retryAfterMs` has passed — in
   * this window and, through the shared ledger, in every other window using the key.
   */
  pauseFor(retryAfterMs: number): void {
    const until = this.clock.now() + Math.max(0, retryAfterMs);
    this.ledger?.pause(until);
    this.pauseUntil(until);
  }

  private pauseUntil(until: number): void {
    if (this.pausedUntil !== undefined && this.pausedUntil >= until) return;
    this.pausedUntil = until;
    this.changed();
    void sleep(this.clock, until - this.clock.now()).then(() => {
      if (this.pausedUntil === until) {
        this.pausedUntil = undefined;
        this.changed();
        this.pump();
      }
    });
  }

  /**
   * Runs `task` once the budget allows. Rejects with CancelledError when `signal` aborts before
   * the task started; once started, the task itself is responsible for honouring the signal.
   * The task calls `responded()` when the response headers arrive (a tighter bound than its end).
   */
  async run<T>(lane: RequestPriority, signal: AbortSignal | undefined, task: (responded: () => void) => Promise<T>): Promise<T> {
    const slot = await this.acquire(lane, signal);
    let running: Promise<T> | undefined;
    try {
      return await this.pq.add(
        () => {
          running = task(() => {
            slot.respondedAt ??= this.clock.now();
          });
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
        void running.then(
          () => this.complete(slot),
          () => this.complete(slot),
        );
      }
    }
  }

  snapshot(): BudgetSnapshot {
    this.prune();
    const snapshot: BudgetSnapshot = {
      ...this.window.counts(),
      queuedUser: this.queues.user.length,
      queuedBackground: this.queues.background.length,
    };
    // Internally monotonic; the status bar shows it against the wall clock.
    if (this.pausedUntil !== undefined) snapshot.pausedUntil = this.clock.wallNow() + (this.pausedUntil - this.clock.now());
    return snapshot;
  }

  /** Coalesced: at most one event per tick. */
  onDidChange(listener: (snapshot: BudgetSnapshot) => void): DisposableLike {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const lane of ['user', 'background'] as const) {
      for (const waiter of this.queues[lane].splice(0)) waiter.fail(new CancelledError());
    }
    this.pq.clear();
    this.ledger?.dispose();
    this.listeners.clear();
  }

  private acquire(lane: RequestPriority, signal: AbortSignal | undefined): Promise<Slot> {
    return new Promise<Slot>((resolve, reject) => {
      if (this.disposed || signal?.aborted) {
        reject(new CancelledError());
        return;
      }
      const onAbort = (): void => {
        const queue = this.queues[lane];
        const index = queue.indexOf(waiter);
        if (index >= 0) queue.splice(index, 1);
        this.changed();
        this.pump();
        reject(new CancelledError());
      };
      const waiter: Waiter = {
        lane,
        grant: (slot) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(slot);
        },
        fail: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queues[lane].push(waiter);
      this.changed();
      this.pump();
    });
  }

  /** Grants as many waiters as the window allows, user lane first. */
  private pump(): void {
    if (this.disposed) return;
    const now = this.clock.now();
    if (this.pausedUntil !== undefined && now < this.pausedUntil) return; // pauseFor() resumes
    this.prune(now);
    let granted = false;
    /** Shared-ledger slots reserved in one lock round for the grants below; extras are released. */
    let reserved: number[] = [];
    while (this.window.slots.length < this.window.limit) {
      // A burst sized by the settings could overrun a smaller server limit before its headers
      // arrive; the first request goes alone and the rest follow its answer.
      if (!this.probed && this.window.slots.some((s) => s.doneAt === undefined)) break;
      let waiter = this.queues.user.shift();
      if (!waiter && this.queues.background.length > 0) {
        if (this.window.backgroundCount() < this.window.backgroundLimit()) waiter = this.queues.background.shift();
      }
      if (!waiter) break;
      const slot: Slot = { lane: waiter.lane };
      if (this.ledger) {
        // Other windows' slots count too; when they fill the window, wait for the ledger's time.
        if (reserved.length === 0) {
          const wanted = this.probed ? Math.min(this.window.limit - this.window.slots.length, 1 + this.queues.user.length + this.queues.background.length) : 1;
          const result = this.ledger.reserve(now, this.window.limit, this.window.windowMs, wanted);
          if (result.pausedUntil !== undefined && result.pausedUntil > now) {
            // Another window got a 429: wait out its Retry-After like our own.
            this.queues[waiter.lane].unshift(waiter);
            this.pauseUntil(result.pausedUntil);
            break;
          }
          reserved = result.ids;
          if (reserved.length < wanted) this.ledgerRetryAt = result.retryAt;
        }
        const ledgerId = reserved.shift();
        if (ledgerId === undefined) {
          this.queues[waiter.lane].unshift(waiter);
          break;
        }
        slot.ledgerId = ledgerId;
      }
      this.window.slots.push(slot);
      waiter.grant(slot);
      granted = true;
    }
    for (const id of reserved) this.ledger?.release(id);
    if (granted) this.changed();
    this.armTimer(now);
  }

  /** Wakes up when the oldest finished slot leaves the window (in-flight ones call complete()). */
  private armTimer(now: number): void {
    const next = Math.min(this.ledgerRetryAt, this.window.nextExpiry());
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
    const waiting = this.queues.user.length + this.queues.background.length > 0;
    if (waiting) this.timer?.ref();
    else this.timer?.unref();
  }

  private prune(now = this.clock.now()): void {
    this.window.prune(now);
  }

  private complete(slot: Slot): void {
    slot.doneAt = this.clock.now();
    if (slot.ledgerId !== undefined) this.ledger?.complete(slot.ledgerId, countedFrom(slot) ?? slot.doneAt);
    this.probed = true;
    this.changed();
    this.pump();
  }

  private releaseUnused(slot: Slot): void {
    this.window.remove(slot);
    if (slot.ledgerId !== undefined) this.ledger?.release(slot.ledgerId);
    this.changed();
    this.pump();
  }

  private changed(): void {
    if (this.changeQueued || this.listeners.size === 0) return;
    this.changeQueued = true;
    queueMicrotask(() => {
      this.changeQueued = false;
      if (this.disposed) return;
      const snapshot = this.snapshot();
      for (const listener of this.listeners) listener(snapshot);
    });
  }
}
