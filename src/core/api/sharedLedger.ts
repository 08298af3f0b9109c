import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A budget shared with other processes (other VS Code windows). BudgetScheduler asks it before
 * granting each slot; everything is synchronous so no lock is ever held across an await.
 */
export interface BudgetLedger {
  /**
   * Atomically (across processes): records up to `wanted` slots for this host while all hosts'
   * slots counted in the window at `now` stay within `limit`. `retryAt` says when to try again
   * for more (meaningful when fewer than `wanted` were granted). While any host has recorded a 429
   * pause that has not ended, nothing is granted and `pausedUntil` says until when.
   */
  reserve(now: number, limit: number, windowMs: number, wanted: number): { ids: number[]; retryAt: number; pausedUntil?: number };
  /** A 429 told this host to wait: every host sharing the key waits until `until` (epoch ms). */
  pause(until: number): void;
  /** The slot's response is complete: it counts until `doneAt + window`. */
  complete(id: number, doneAt: number): void;
  /** The slot was never used (cancelled before sending). */
  release(id: number): void;
  /** Marks in-flight slots as done now (they keep counting for one window), then stops. */
  dispose(): void;
}

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
  /** Injectable for tests: whether a process id is alive. */
  isAlive?: (pid: number) => boolean;
}

/** Files of dead hosts whose last slot ended this long ago are deleted. */
const LONG_GONE_MS = 3_600_000;

/** [grantedAt, doneAt | null] — epoch ms. */
type SlotRecord = [number, number | null];

interface HostFile {
  pid: number;
  slots: SlotRecord[];
  /** Epoch ms: the end of the last 429 pause this host was given (Retry-After). */
  pausedUntil?: number;
}

/** The folder name for a key: a truncated sha256 of origin and key; the key itself never touches disk. */
export function ledgerKeyId(origin: string, apiKey: string): string {
  return createHash('sha256').update(`${origin}\n${apiKey}`).digest('hex').slice(0, 32);
}

/**
 * Layout: `<dir>/budget/<keyId>/hosts/<hostId>.json` — one file per extension host listing the
 * slots it holds in the window — and `<dir>/budget/<keyId>/locks/` for the mutual exclusion below.
 *
 * Lock (why it is exclusive): a host creates its own uniquely named lock file, then lists the lock
 * folder, and proceeds only when no *other* non-stale lock file exists (else it deletes its own
 * and retries shortly). If two hosts P and Q both proceeded, say P listed first: P created its
 * file before listing, so Q's later listing saw P's file (P deletes it only after its critical
 * section) — and Q would have backed off. Staleness is read from the name (creation time), so a
 * holder that crashed inside the few-millisecond critical section blocks others for at most
 * `staleLockMs`. No rename/unlink races: a lock file is only ever deleted by its owner or when stale.
 *
 * Budget (why the sum never exceeds L): under the lock a host counts every host's slots exactly as
 * BudgetScheduler counts its own (from grant until one window after the response), and adds its
 * new slot to its own file (atomic rename) before releasing the lock.
 *
 * 429: the host that gets one writes `pausedUntil` into its own file; every reserve reads the
 * latest pause of all hosts and grants nothing before it ends — the server's Retry-After is for the
 * key, not for the window that happened to ask.
 *
 * Crashes: a host file whose pid is gone has its in-flight slots closed at the moment another host
 * notices (its next reserve), so a crashed window stops holding budget one window after that.
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
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly isAlive: (pid: number) => boolean;

  constructor(options: SharedLedgerOptions) {
    const root = path.join(options.dir, 'budget', ledgerKeyId(options.origin, options.apiKey));
    this.hostsDir = path.join(root, 'hosts');
    this.locksDir = path.join(root, 'locks');
    this.hostFile = path.join(this.hostsDir, `${this.hostId}.json`);
    this.staleLockMs = options.staleLockMs ?? 2000;
    this.maxInFlightMs = options.maxInFlightMs ?? 120_000;
    this.pollMs = options.pollMs ?? 20;
    this.flushMs = options.flushMs ?? 5;
    this.isAlive = options.isAlive ?? processAlive;
  }

  reserve(now: number, limit: number, windowMs: number, wanted: number): { ids: number[]; retryAt: number; pausedUntil?: number } {
    if (this.disposed) return { ids: [], retryAt: Infinity };
    this.ensureDirs();
    const lock = this.lock(now);
    if (lock === undefined) return { ids: [], retryAt: now + 1 + Math.random() * 4 };
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
      const ids: number[] = [];
      while (ids.length < wanted && used + ids.length < limit) {
        const id = this.nextId++;
        this.slots.set(id, { grantedAt: now, doneAt: null });
        ids.push(id);
      }
      this.writeOwn();
      return { ids, retryAt: Number.isFinite(retryAt) ? retryAt : now + this.pollMs };
    } finally {
      unlinkQuietly(lock);
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
    if (this.flushTimer) clearTimeout(this.flushTimer);
    const now = Date.now();
    for (const slot of this.slots.values()) slot.doneAt ??= now;
    // The requests sent still count on the server for one window; the file says so until then.
    if (this.ready) this.writeOwn();
    this.disposed = true;
  }

  private ensureDirs(): void {
    if (this.ready) return;
    fs.mkdirSync(this.hostsDir, { recursive: true });
    fs.mkdirSync(this.locksDir, { recursive: true });
    this.ready = true;
  }

  /** The path of our lock file once we hold the lock; undefined when another host holds it. */
  private lock(now: number): string | undefined {
    const mine = `${now}-${this.hostId}-${randomBytes(4).toString('hex')}.lock`;
    const file = path.join(this.locksDir, mine);
    fs.writeFileSync(file, '', { flag: 'wx' });
    for (const name of fs.readdirSync(this.locksDir)) {
      if (name === mine || !name.endsWith('.lock')) continue;
      const created = Number(name.slice(0, name.indexOf('-')));
      if (Number.isFinite(created) && now - created > this.staleLockMs) {
        unlinkQuietly(path.join(this.locksDir, name));
        continue;
      }
      unlinkQuietly(file);
      return undefined;
    }
    return file;
  }

  /** Other hosts' files; closes the in-flight slots of hosts whose process is gone (we hold the lock). */
  private readOthers(now: number): HostFile[] {
    const result: HostFile[] = [];
    for (const name of fs.readdirSync(this.hostsDir)) {
      if (!name.endsWith('.json') || name === `${this.hostId}.json`) continue;
      const file = path.join(this.hostsDir, name);
      const host = readHost(file);
      if (!host) continue;
      const alive = this.isAlive(host.pid);
      if (!alive && host.slots.some(([, doneAt]) => doneAt === null)) {
        host.slots = host.slots.map(([grantedAt, doneAt]) => [grantedAt, doneAt ?? Math.min(now, grantedAt + this.maxInFlightMs)]);
        writeAtomic(file, host);
      }
      if (!alive && host.slots.every(([, doneAt]) => doneAt !== null && doneAt + LONG_GONE_MS < now) && (host.pausedUntil ?? 0) < now) {
        unlinkQuietly(file); // a window closed long ago: tidy up
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

  private flushSoon(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      if (!this.disposed) this.writeOwn();
    }, this.flushMs);
  }

  private writeOwn(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (!this.ready) return;
    const content: HostFile = { pid: process.pid, slots: [...this.slots.values()].map((s) => [s.grantedAt, s.doneAt]) };
    if (this.pausedUntil !== undefined) content.pausedUntil = this.pausedUntil;
    writeAtomic(this.hostFile, content);
  }
}

/** Until when a slot counts: one window after its response; an in-flight slot at most maxInFlight. */
function slotEnd(grantedAt: number, doneAt: number | null, maxInFlightMs: number, windowMs: number): number {
  return (doneAt ?? grantedAt + maxInFlightMs) + windowMs;
}

function readHost(file: string): HostFile | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<HostFile>;
    if (typeof parsed.pid !== 'number' || !Array.isArray(parsed.slots)) return undefined;
    const slots = parsed.slots.filter(
      (s): s is SlotRecord => Array.isArray(s) && typeof s[0] === 'number' && (s[1] === null || typeof s[1] === 'number'),
    );
    const host: HostFile = { pid: parsed.pid, slots };
    if (typeof parsed.pausedUntil === 'number' && Number.isFinite(parsed.pausedUntil)) host.pausedUntil = parsed.pausedUntil;
    return host;
  } catch {
    return undefined; // vanished between readdir and read, or garbage: not a host
  }
}

function writeAtomic(file: string, content: HostFile): void {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(content));
  fs.renameSync(tmp, file);
}

function unlinkQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // already gone
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
