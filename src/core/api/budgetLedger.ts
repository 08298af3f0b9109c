import type { Clock } from '../clock';
import type { LedgerFs } from './ledgerFiles';

/**
 * A budget shared with other processes (other VS Code windows). BudgetScheduler asks it before
 * granting each slot; everything is synchronous so no lock is ever held across an await. Times
 * are the machine's monotonic clock (core/clock.ts), the same in every process. Any method may
 * throw (the disk is not ours): the scheduler reaches it only through LedgerLink, which falls
 * back to budgeting alone.
 */
export interface BudgetLedger {
  /**
   * Atomically (across processes): records up to `wanted` slots for this host while all hosts'
   * slots counted in the window at `now` stay within `limit`. `retryAt` says when to try again
   * for more (meaningful when fewer than `wanted` were granted). While any host has recorded a 429
   * pause that has not ended, nothing is granted and `pausedUntil` says until when.
   */
  reserve(now: number, limit: number, windowMs: number, wanted: number): { ids: number[]; retryAt: number; pausedUntil?: number };
  /** A 429 told this host to wait: every host sharing the key waits until `until`. */
  pause(until: number): void;
  /** The slot's response is complete: it counts until `doneAt + window`. */
  complete(id: number, doneAt: number): void;
  /** The slot was never used (cancelled before sending). */
  release(id: number): void;
  /** Marks in-flight slots as done now (they keep counting for one window), then stops. Never throws. */
  dispose(): void;
  /** Where failures of background writes (batched completions, heartbeats) are reported: timers never throw. */
  setErrorSink?(sink: (error: unknown) => void): void;
}

/** The shared (file) ledger's options (sharedLedger.ts). */
export interface SharedLedgerOptions {
  /** A folder every extension host of the profile shares (the extension's globalStorageUri). */
  dir: string;
  origin: string;
  apiKey: string;
  /** A lock file older than this is abandoned (its holder crashed or froze). Default 2000. */
  staleLockMs?: number;
  /** An in-flight slot of a host whose process is gone — or older than this — stops being in flight. Default 120 000. */
  maxInFlightMs?: number;
  /** How soon to look again while other hosts' requests are in flight (their completion is not signalled). Default 20. */
  pollMs?: number;
  /** Completions are written at most this much later (batched). Default 5. */
  flushMs?: number;
  /** While requests are in flight the host file is rewritten this often (its heartbeat). Default 5000. */
  heartbeatMs?: number;
  /** The longest pause another host's file may announce (a longer one is garbage). Default 65 000. */
  maxPauseMs?: number;
  /** Injectable for tests: whether a process id is alive. */
  isAlive?: (pid: number) => boolean;
  /** Injectable for tests: the file operations (failures are injected here). */
  fs?: LedgerFs;
  clock?: Clock;
}
