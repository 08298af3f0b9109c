import { boundedLimit, boundedWindowMs } from './rateLimitValues';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { BudgetLedger } from './budgetLedger';
import type { RequestPriority } from './sequentumApi';

/** What the status bar shows about one key's request budget. */
export interface BudgetSnapshot {
  /** Requests allowed per window (server header, else setting). */
  limit: number;
  windowSeconds: number;
  /** True once the server's X-RateLimit-* headers set limit/window. */
  learnedFromServer: boolean;
  /** Requests counted against the current sliding window (in flight or finished < window ago). */
  usedInWindow: number;
  /** Of those, background requests. */
  backgroundInWindow: number;
  /** Most background requests per window (share of the limit). */
  backgroundLimit: number;
  queuedUser: number;
  queuedBackground: number;
  /** Epoch ms until which nothing is sent (after a 429). */
  pausedUntil?: number;
  /** True while background work yields to someone else using the key (neighbourPressure.ts). */
  yielding?: boolean;
  /** True while the shared ledger failed and this window budgets alone (ledgerLink.ts). */
  budgetingAlone?: boolean;
}

/** One granted request as the window counts it. */
export interface Slot {
  lane: RequestPriority;
  /** When the request left the queue for the wire (undefined: not yet). */
  sentAt?: number;
  /** When the response headers arrived: the server saw the request before this instant. */
  respondedAt?: number;
  /** When the task finished; undefined while in flight. */
  doneAt?: number;
  /** The slot's id in the shared ledger, if any. */
  ledgerId?: number;
}

/** The instant from which a finished slot still counts for one window (undefined: in flight). */
export function countedFrom(slot: Slot): number | undefined {
  return slot.doneAt === undefined ? undefined : (slot.respondedAt ?? slot.doneAt);
}

/** Limit, window and background share, as settings give them. */
export interface WindowSettings {
  limit: number;
  windowSeconds: number;
  /** 0–1; background may use at most this share of the window budget (at least one request). */
  backgroundShare: number;
}

/**
 * The accounting half of a key's budget (budget.ts schedules against it): the limit and window
 * length (settings until the server's headers say otherwise), and the slots that still count —
 * each from its grant until one window after its response headers arrived.
 */
export class BudgetWindow {
  limit: number;
  windowMs: number;
  /** True once the server's X-RateLimit-* headers set limit/window. */
  learned = false;
  readonly slots: Slot[] = [];
  private share: number;

  constructor(settings: WindowSettings) {
    this.limit = boundedLimit(settings.limit);
    this.windowMs = boundedWindowMs(settings.windowSeconds);
    this.share = clampShare(settings.backgroundShare);
  }

  /** Applies settings; limit and window are ignored once the server's headers have set them. */
  configure(settings: WindowSettings): void {
    if (!this.learned) {
      this.limit = boundedLimit(settings.limit);
      this.windowMs = boundedWindowMs(settings.windowSeconds);
    }
    this.share = clampShare(settings.backgroundShare);
  }

  /** Adopts X-RateLimit-Limit / X-RateLimit-Window-Seconds (bounded); true when limit or window changed. */
  observeLimitHeaders(limit: number | undefined, windowSeconds: number | undefined): boolean {
    let changed = false;
    if (limit !== undefined && boundedLimit(limit) !== this.limit) {
      this.limit = boundedLimit(limit);
      changed = true;
    }
    if (windowSeconds !== undefined && boundedWindowMs(windowSeconds) !== this.windowMs) {
      this.windowMs = boundedWindowMs(windowSeconds);
      changed = true;
    }
    if (limit !== undefined || windowSeconds !== undefined) this.learned = true;
    return changed;
  }

  /** Most background requests per window. */
  backgroundLimit(): number {
    return Math.min(this.limit, Math.max(1, Math.floor(this.limit * this.share)));
  }

  backgroundCount(): number {
    return this.slots.filter((s) => s.lane === 'background').length;
  }

  /** The window's part of a {@link BudgetSnapshot} (call {@link prune} first). */
  counts(): Omit<BudgetSnapshot, 'queuedUser' | 'queuedBackground' | 'pausedUntil' | 'yielding' | 'budgetingAlone'> {
    return {
      limit: this.limit,
      windowSeconds: this.windowMs / 1000,
      learnedFromServer: this.learned,
      usedInWindow: this.slots.length,
      backgroundInWindow: this.backgroundCount(),
      backgroundLimit: this.backgroundLimit(),
    };
  }

  /** Drops finished slots that have left the window. */
  prune(now: number): void {
    for (let i = this.slots.length - 1; i >= 0; i--) {
      const from = countedFrom(this.slots[i]);
      if (from !== undefined && from + this.windowMs <= now) this.slots.splice(i, 1);
    }
  }

  remove(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
  }

  /**
   * While the server holds one of our requests (in flight past `thresholdMs`), a run start waits:
   * until when (Infinity: none held now). A held request is answered within one window of being
   * sent; one in flight longer hangs, and a start must not wait out its timeout and retries.
   */
  heldUntil(now: number, thresholdMs: number): number {
    let until = Infinity;
    for (const { sentAt, respondedAt } of this.slots) {
      if (sentAt === undefined || respondedAt !== undefined || now - sentAt <= thresholdMs || now >= sentAt + this.windowMs) continue;
      until = until === Infinity ? sentAt + this.windowMs : Math.max(until, sentAt + this.windowMs);
    }
    return until;
  }

  /** When the oldest finished slot leaves the window (Infinity: none finished). */
  nextExpiry(): number {
    let next = Infinity;
    for (const slot of this.slots) {
      const from = countedFrom(slot);
      if (from !== undefined) next = Math.min(next, from + this.windowMs);
    }
    return next;
  }
}

function clampShare(share: number): number {
  return Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0.2;
}

/** What a BudgetScheduler (budget.ts) is built from. */
export interface BudgetOptions extends WindowSettings {
  /** Most requests on the wire at once. */
  maxConcurrent?: number;
  clock?: Clock;
  /**
   * Shared with other extension hosts (sharedLedger.ts): consulted before each grant so all
   * windows using the key stay within one budget. It speaks the clock's monotonic time (for the
   * system clock the machine's, the same in every process). Reached only through LedgerLink; the
   * scheduler disposes it.
   */
  ledger?: BudgetLedger;
  log?: Logger;
}
