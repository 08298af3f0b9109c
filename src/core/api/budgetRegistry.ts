import { createHash } from 'node:crypto';
import { BudgetScheduler, type BudgetOptions } from './budget';
import type { BudgetLedger } from './sharedLedger';

interface Entry {
  scheduler: BudgetScheduler;
  refs: number;
}

/**
 * The server's budget belongs to the key, not to a client object: every client for the same
 * (origin, key) in this extension host shares one scheduler. Keyed by a hash so the map never
 * holds the key itself.
 */
const schedulers = new Map<string, Entry>();

export interface BudgetLease {
  readonly scheduler: BudgetScheduler;
  /** Drops this client's reference; the scheduler is disposed with the last one. */
  release(): void;
}

/** `createLedger` (shared budget across extension hosts) is called only when a new scheduler is built. */
export function leaseBudget(origin: string, apiKey: string, options: BudgetOptions, createLedger?: () => BudgetLedger): BudgetLease {
  const id = `${origin}\n${createHash('sha256').update(apiKey).digest('hex')}`;
  let entry = schedulers.get(id);
  // A scheduler disposed by any path (its last lease, or a dispose that failed half way) is
  // never handed out again: its waiters were cancelled and it grants nothing.
  if (entry?.scheduler.disposed) {
    schedulers.delete(id);
    entry = undefined;
  }
  if (entry) {
    entry.scheduler.configure({
      limit: options.limit,
      windowSeconds: options.windowSeconds,
      backgroundShare: options.backgroundShare,
    });
  } else {
    let ledger: BudgetLedger | undefined;
    try {
      ledger = createLedger?.();
    } catch (error) {
      // No shared ledger (e.g. an unusable folder): this window budgets alone.
      options.log?.warn('Shared request budget unavailable: this window budgets on its own.', error);
    }
    entry = { scheduler: new BudgetScheduler(ledger ? { ...options, ledger } : options), refs: 0 };
    schedulers.set(id, entry);
  }
  entry.refs++;
  const current = entry;
  let released = false;
  return {
    scheduler: current.scheduler,
    release: () => {
      if (released) return;
      released = true;
      current.refs--;
      if (current.refs === 0) {
        if (schedulers.get(id) === current) schedulers.delete(id);
        current.scheduler.dispose();
      }
    },
  };
}
