import type { Logger } from '../log';
import type { BudgetLedger } from './sharedLedger';

/** How long a window budgets alone after the shared ledger failed, before it tries the ledger again. */
export const LEDGER_RETRY_MS = 30_000;

/** What the ledger said about the next grants. */
export type LedgerAnswer =
  /** The ledger failed (or is resting after a failure): grant from this window's own count. */
  | { kind: 'alone' }
  /** Another window got a 429: nothing is sent by anyone before `until`. */
  | { kind: 'paused'; until: number }
  /** Ledger slots for the next grants; when fewer than wanted, look again at `retryAt`. */
  | { kind: 'slots'; ids: number[]; retryAt: number };

/**
 * The scheduler's only way to the shared ledger. The ledger lives on a disk that is not ours —
 * a folder may vanish or turn into a file, the disk may fill, a rename may be refused — so every
 * call is caught here: on a failure the window budgets alone (logged once per outage), tries the
 * ledger again after {@link LEDGER_RETRY_MS}, and says so in the log when it works again. Nothing
 * the ledger does can throw into the scheduler's timers, leak a slot or leave a request waiting.
 * Its answers are bounded too: a retry time or a pause read from someone else's file cannot park
 * the window longer than one window or the longest pause.
 */
export class LedgerLink {
  /** Monotonic: alone until then. */
  private restingUntil = -Infinity;
  private down = false;

  constructor(
    private readonly ledger: BudgetLedger,
    private readonly now: () => number,
    private readonly log: Logger | undefined,
    private readonly maxPauseMs: number,
  ) {
    ledger.setErrorSink?.((error) => this.failed(error));
  }

  /** True while the window budgets alone. */
  get alone(): boolean {
    return this.down;
  }

  reserve(now: number, limit: number, windowMs: number, wanted: number): LedgerAnswer {
    if (now < this.restingUntil) return { kind: 'alone' };
    let result: ReturnType<BudgetLedger['reserve']>;
    try {
      result = this.ledger.reserve(now, limit, windowMs, wanted);
    } catch (error) {
      this.failed(error);
      return { kind: 'alone' };
    }
    if (this.down) {
      this.down = false;
      this.log?.info('Shared request budget: the ledger works again; this window shares the budget with the others.');
    }
    const pausedUntil = result.pausedUntil;
    if (pausedUntil !== undefined && pausedUntil > now && pausedUntil <= now + this.maxPauseMs) return { kind: 'paused', until: pausedUntil };
    const retryAt = Number.isFinite(result.retryAt) ? Math.min(Math.max(result.retryAt, now), now + windowMs) : now + windowMs;
    return { kind: 'slots', ids: result.ids, retryAt };
  }

  pause(until: number): void {
    this.call(() => this.ledger.pause(until));
  }

  complete(id: number, doneAt: number): void {
    this.call(() => this.ledger.complete(id, doneAt));
  }

  release(id: number): void {
    this.call(() => this.ledger.release(id));
  }

  dispose(): void {
    try {
      this.ledger.dispose();
    } catch (error) {
      this.log?.warn('Shared request budget: closing the ledger failed', describe(error));
    }
  }

  /** Completions and releases go through even while resting: they keep the ledger's memory exact. */
  private call(operation: () => void): void {
    try {
      operation();
    } catch (error) {
      this.failed(error);
    }
  }

  private failed(error: unknown): void {
    this.restingUntil = this.now() + LEDGER_RETRY_MS;
    if (this.down) return;
    this.down = true;
    this.log?.warn(
      `Shared request budget unavailable (${describe(error)}): this window budgets on its own and tries the ledger again every ${LEDGER_RETRY_MS / 1000} s.`,
    );
  }
}

/** The error's code (ENOSPC, EACCES…) or message: file paths hold only the key's hash. */
function describe(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}
