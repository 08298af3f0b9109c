import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';

/**
 * The file operations the shared ledger uses, as a port: every one of them can fail (a missing
 * folder, a file where a folder should be, permissions, a full disk, a refused rename), and tests
 * inject those failures here — running as root, chmod alone would not stop a write.
 */
export interface LedgerFs {
  mkdir(dir: string): void;
  /** `exclusive`: fail when the file exists (lock files). */
  writeFile(file: string, text: string, exclusive?: boolean): void;
  readFile(file: string): string;
  readdir(dir: string): string[];
  rename(from: string, to: string): void;
  unlink(file: string): void;
}

export const nodeLedgerFs: LedgerFs = {
  mkdir: (dir) => void fs.mkdirSync(dir, { recursive: true }),
  writeFile: (file, text, exclusive) => fs.writeFileSync(file, text, exclusive ? { flag: 'wx' } : undefined),
  readFile: (file) => fs.readFileSync(file, 'utf8'),
  readdir: (dir) => fs.readdirSync(dir),
  rename: (from, to) => fs.renameSync(from, to),
  unlink: (file) => fs.unlinkSync(file),
};

/** [grantedAt, doneAt | null] — monotonic ms of the machine (see core/clock.ts). */
export type SlotRecord = [number, number | null];

/** Format 2: times are the machine's monotonic clock (format 1 wrote wall time; such files are ignored). */
export const HOST_FILE_FORMAT = 2;

export interface HostFile {
  format: typeof HOST_FILE_FORMAT;
  pid: number;
  slots: SlotRecord[];
  /** The end of the last 429 pause this host was given (Retry-After). */
  pausedUntil?: number;
  /**
   * When the host last wrote its file. A host with requests in flight rewrites it every few
   * seconds; a file whose beat stopped belongs to a dead host even when its pid was reused.
   */
  beat?: number;
}

const MAX_SLOTS_READ = 100_000;

/**
 * Another host's file, or undefined when it is not one (vanished, half written, garbage, an
 * older format, a directory). Values that cannot be right are dropped: non-finite times, times
 * after `bounds.latest` (a record from the future: written before a reboot restarted the monotonic
 * clock, or by something that is not us) and pauses ending after `bounds.latestPause`.
 */
export function readHost(io: LedgerFs, file: string, bounds: { latest: number; latestPause: number }): HostFile | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(io.readFile(file));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const raw = parsed as Record<string, unknown>;
  if (raw.format !== HOST_FILE_FORMAT || !isCount(raw.pid) || !Array.isArray(raw.slots)) return undefined;
  const valid = (t: unknown, latest = bounds.latest): t is number => typeof t === 'number' && Number.isFinite(t) && t <= latest;
  const slots = (raw.slots as unknown[]).slice(0, MAX_SLOTS_READ).filter(
    (s): s is SlotRecord => Array.isArray(s) && valid(s[0]) && (s[1] === null || (valid(s[1]) && s[1] >= s[0])),
  );
  const host: HostFile = { format: HOST_FILE_FORMAT, pid: raw.pid, slots };
  if (valid(raw.pausedUntil, bounds.latestPause)) host.pausedUntil = raw.pausedUntil;
  if (valid(raw.beat)) host.beat = raw.beat;
  return host;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** Write to a temporary name, then rename over the file: readers see the old or the new content, never half. */
export function writeAtomic(io: LedgerFs, file: string, content: HostFile): void {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  io.writeFile(tmp, JSON.stringify(content));
  try {
    io.rename(tmp, file);
  } catch (error) {
    unlinkQuietly(io, tmp); // a refused rename must not leave temporary files behind
    throw error;
  }
}

export function unlinkQuietly(io: LedgerFs, file: string): void {
  try {
    io.unlink(file);
  } catch {
    // already gone, or not ours to remove
  }
}

/**
 * Lock file names are `<createdAt>-<hostId>-<random>.lock`. The creation time decides staleness;
 * a name that does not parse, or a time in the future beyond `staleMs` (a reboot restarted the
 * monotonic clock), is not a live lock: it blocks nobody.
 */
export function lockIsLive(name: string, now: number, staleMs: number): boolean {
  const match = /^(\d+(?:\.\d+)?)-/.exec(name);
  if (!match) return false;
  const created = Number(match[1]);
  return Number.isFinite(created) && now - created <= staleMs && created - now <= staleMs;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Until when a slot counts: one window after its response; an in-flight slot at most maxInFlight. */
export function slotEnd(grantedAt: number, doneAt: number | null, maxInFlightMs: number, windowMs: number): number {
  return (doneAt ?? grantedAt + maxInFlightMs) + windowMs;
}
