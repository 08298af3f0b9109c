import { createHash, randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { systemClock, type Clock } from '../clock';
import type { BudgetLedger, SharedLedgerOptions } from './budgetLedger';
import {
  HOST_FILE_FORMAT,
  lockIsLive,
  nodeLedgerFs,
  processAlive,
  readHost,
  slotEnd,
  unlinkQuietly,
  writeAtomic,
  type HostFile,
  type LedgerFs,
} from './ledgerFiles';

export type { BudgetLedger, SharedLedgerOptions } from './budgetLedger';

/** Files of dead hosts whose last slot ended this long ago are deleted. */
const LONG_GONE_MS = 3_600_000;
/** A heartbeat this many beats late: the host is gone, even if its pid now belongs to another process. */
const MISSED_BEATS = 4;
/** Rounding between processes: a record may lie this far ahead of our `now`. */
const FUTURE_TOLERANCE_MS = 1_000;

/** The folder name for a key: a truncated sha256 of origin and key; the key itself never touches disk. */
export function ledgerKeyId(origin: string, apiKey: string): string {
  return createHash('sha256').update(`${origin}\n${apiKey}`).digest('hex').slice(0, 32);
}

/**
 * Layout: `<dir>/budget/<keyId>/hosts/<hostId>.json` — one file per extension host listing the
 * slots it holds in the window — and `<dir>/budget/<keyId>/locks/` for the mutual exclusion below.
 *
 * Lock (why it is exclusive): a host creates its own uniquely named lock file, then lists the lock
 * folder, and proceeds only when no *other* live lock file exists (else it deletes its own and
 * retries shortly). If two hosts P and Q both proceeded, say P listed first: P created its file
 * before listing, so Q's later listing saw P's file (P deletes it only after its critical section)
 * — and Q would have backed off. Staleness is read from the name (creation time), so a holder that
 * crashed inside the few-millisecond critical section blocks others for at most `staleLockMs`; a
 * name that does not parse or lies in the future blocks nobody (ledgerFiles.ts lockIsLive).
 *
 * Budget (why the sum never exceeds L): under the lock a host counts every host's slots exactly as
 * BudgetScheduler counts its own (from grant until one window after the response), and adds its
 * new slot to its own file (atomic rename) before releasing the lock. If that write fails, the
 * slots are taken back before the error leaves: nothing is granted that the file does not show.
 *
 * 429: the host that gets one writes `pausedUntil` into its own file; every reserve reads the
 * latest pause of all hosts and grants nothing before it ends — the server's Retry-After is for the
 * key, not for the window that happened to ask.
 *
 * Crashes: a host file whose pid is gone, or whose heartbeat stopped (the pid may have been reused
 * by an unrelated process), has its in-flight slots closed at the moment another host notices
 * (its next reserve), so a crashed window stops holding budget one window after that. Garbage,
 * half-written files, older formats and records from the future (before a reboot) count for nothing.
 */
export class SharedLedger implements BudgetLedger {
  private readonly hostsDir: string;
  private readonly locksDir: string;
  private readonly hostFile: string;
  private readonly hostId = `${process.pid}-${randomBytes(6).toString('hex')}`;
  private readonly slots = new Map<number, { grantedAt: number; doneAt: number | null }>();
  private nextId = 1;
  private pausedUntil: number | undefined;
  private ready = false;
  private disposed = false;
  private readonly staleLockMs: number;
  private readonly maxInFlightMs: number;
  private readonly pollMs: number;
  private readonly flushMs: number;
  private readonly heartbeatMs: number;
  private readonly maxPauseMs: number;
  private flushTimer: { dispose(): void } | undefined;
  private heartbeat: { dispose(): void } | undefined;
  private readonly isAlive: (pid: number) => boolean;
  private readonly io: LedgerFs;
  private readonly clock: Clock;
  private reportError: (error: unknown) => void = () => undefined;

  constructor(options: SharedLedgerOptions) {
    const root = path.join(options.dir, 'budget', ledgerKeyId(options.origin, options.apiKey));
    this.hostsDir = path.join(root, 'hosts');
    this.locksDir = path.join(root, 'locks');
    this.hostFile = path.join(this.hostsDir, `${this.hostId}.json`);
    this.staleLockMs = options.staleLockMs ?? 2000;
    this.maxInFlightMs = options.maxInFlightMs ?? 120_000;
    this.pollMs = options.pollMs ?? 20;
    this.flushMs = options.flushMs ?? 5;
    this.heartbeatMs = options.heartbeatMs ?? 5000;
    this.maxPauseMs = options.maxPauseMs ?? 65_000;
    this.isAlive = options.isAlive ?? processAlive;
    this.io = options.fs ?? nodeLedgerFs;
    this.clock = options.clock ?? systemClock;
  }

  setErrorSink(sink: (error: unknown) => void): void {
    this.reportError = sink;
  }

  reserve(now: number, limit: number, windowMs: number, wanted: number): { ids: number[]; retryAt: number; pausedUntil?: number } {
    if (this.disposed) return { ids: [], retryAt: Infinity };
    let lock: string | undefined;
    try {
      this.ensureDirs();
      lock = this.lock(now);
    } catch (error) {
      this.ready = false; // the folder may be gone: create it again next time
      throw error;
    }
    if (lock === undefined) return { ids: [], retryAt: now + 1 + Math.random() * 4 };
    const ids: number[] = [];
    try {
      this.prune(now, windowMs);
      let used = this.slots.size;
      let retryAt = Infinity;
      for (const slot of this.slots.values()) {
        if (slot.doneAt !== null) retryAt = Math.min(retryAt, slot.doneAt + windowMs);
      }
      const others = this.readOthers(now);
      const pausedUntil = Math.max(this.pausedUntil ?? 0, ...others.map((other) => other.pausedUntil ?? 0));
      if (pausedUntil > now) return { ids: [], retryAt: pausedUntil, pausedUntil };
      for (const other of others) {
        for (const [grantedAt, doneAt] of other.slots) {
          const end = slotEnd(grantedAt, doneAt, this.maxInFlightMs, windowMs);
          if (end <= now) continue;
          used++;
          retryAt = Math.min(retryAt, doneAt === null ? now + this.pollMs : end);
        }
      }
      while (ids.length < wanted && used + ids.length < limit) {
        const id = this.nextId++;
        this.slots.set(id, { grantedAt: now, doneAt: null });
        ids.push(id);
      }
      this.writeOwn();
      this.keepBeating();
      return { ids, retryAt: Number.isFinite(retryAt) ? retryAt : now + this.pollMs };
    } catch (error) {
      // The file does not show these slots: they were never granted.
      for (const id of ids) this.slots.delete(id);
      this.ready = false; // the folder may be gone: create it again next time
      throw error;
    } finally {
      unlinkQuietly(this.io, lock);
    }
  }

  pause(until: number): void {
    if (this.disposed || (this.pausedUntil !== undefined && this.pausedUntil >= until)) return;
    this.pausedUntil = until;
    // At once, not batched: other windows must see it before their next grant.
    this.ensureDirs();
    this.writeOwn();
  }

  complete(id: number, doneAt: number): void {
    const slot = this.slots.get(id);
    if (!slot || this.disposed) return;
    slot.doneAt = doneAt;
    // No lock needed: readers see the old (more conservative: in flight) or the new file. Written
    // within flushMs (or by the next reserve): one write for a burst of completions.
    this.flushSoon();
  }

  release(id: number): void {
    if (this.disposed || !this.slots.delete(id)) return;
    this.flushSoon();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.flushTimer?.dispose();
    this.heartbeat?.dispose();
    const now = this.clock.now();
    for (const slot of this.slots.values()) slot.doneAt ??= now;
    // The requests sent still count on the server for one window; the file says so until then.
    try {
      if (this.ready) this.writeOwn();
    } catch {
      // Nothing to fall back to any more; readers treat our in-flight slots as done when our beat stops.
    }
  }

  private ensureDirs(): void {
    if (this.ready) return;
    this.io.mkdir(this.hostsDir);
    this.io.mkdir(this.locksDir);
    this.ready = true;
  }

  /** The path of our lock file once we hold the lock; undefined when another host holds it. */
  private lock(now: number): string | undefined {
    const mine = `${Math.floor(now)}-${this.hostId}-${randomBytes(4).toString('hex')}.lock`;
    const file = path.join(this.locksDir, mine);
    this.io.writeFile(file, '', true);
    let names: string[];
    try {
      names = this.io.readdir(this.locksDir);
    } catch (error) {
      unlinkQuietly(this.io, file);
      throw error;
    }
    for (const name of names) {
      if (name === mine || !name.endsWith('.lock')) continue;
      if (!lockIsLive(name, now, this.staleLockMs)) {
        unlinkQuietly(this.io, path.join(this.locksDir, name));
        continue;
      }
      unlinkQuietly(this.io, file);
      return undefined;
    }
    return file;
  }

  /** Other hosts' files; closes the in-flight slots of hosts that are gone (we hold the lock). */
  private readOthers(now: number): HostFile[] {
    const result: HostFile[] = [];
    for (const name of this.io.readdir(this.hostsDir)) {
      if (!name.endsWith('.json') || name === `${this.hostId}.json`) continue;
      const file = path.join(this.hostsDir, name);
      const host = readHost(this.io, file, { latest: now + FUTURE_TOLERANCE_MS, latestPause: now + this.maxPauseMs });
      if (!host) continue;
      const inFlight = host.slots.some(([, doneAt]) => doneAt === null);
      const beatStopped = host.beat !== undefined && now - host.beat > MISSED_BEATS * this.heartbeatMs;
      const gone = !this.isAlive(host.pid) || (inFlight && beatStopped);
      if (gone && inFlight) {
        host.slots = host.slots.map(([grantedAt, doneAt]) => [grantedAt, doneAt ?? Math.min(now, grantedAt + this.maxInFlightMs)]);
        try {
          writeAtomic(this.io, file, host);
        } catch {
          // Tidying another host's file is a courtesy: the closed slots count from memory this time.
        }
      }
      if (gone && host.slots.every(([, doneAt]) => doneAt !== null && doneAt + LONG_GONE_MS < now) && (host.pausedUntil ?? 0) < now) {
        unlinkQuietly(this.io, file); // a window closed long ago: tidy up
        continue;
      }
      result.push(host);
    }
    return result;
  }

  private prune(now: number, windowMs: number): void {
    for (const [id, slot] of this.slots) {
      if (slotEnd(slot.grantedAt, slot.doneAt, this.maxInFlightMs, windowMs) <= now) this.slots.delete(id);
    }
  }

  /** A timer's write: a failure is reported (the window then budgets alone), never thrown. */
  private writeFromTimer(): void {
    try {
      if (!this.disposed) this.writeOwn();
    } catch (error) {
      this.ready = false;
      this.reportError(error);
    }
  }

  private flushSoon(): void {
    if (this.flushTimer) return;
    this.flushTimer = this.clock.setTimeout(() => {
      this.flushTimer = undefined;
      this.writeFromTimer();
    }, this.flushMs);
  }

  /** While our requests are in flight, the file's beat tells others we are alive. */
  private keepBeating(): void {
    if (this.heartbeat || this.disposed) return;
    this.heartbeat = this.clock.setTimeout(() => {
      this.heartbeat = undefined;
      if (![...this.slots.values()].some((slot) => slot.doneAt === null)) return;
      this.writeFromTimer();
      this.keepBeating();
    }, this.heartbeatMs);
  }

  private writeOwn(): void {
    this.flushTimer?.dispose();
    this.flushTimer = undefined;
    if (!this.ready) return;
    const content: HostFile = {
      format: HOST_FILE_FORMAT,
      pid: process.pid,
      slots: [...this.slots.values()].map((s) => [s.grantedAt, s.doneAt]),
      beat: this.clock.now(),
    };
    if (this.pausedUntil !== undefined) content.pausedUntil = this.pausedUntil;
    writeAtomic(this.io, this.hostFile, content);
  }
}
