import { mkdir, readdir, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log';
import { forLog } from '../text/sinks';

/** How much the opened-files cache may hold. */
export interface CacheLimits {
  /** Files downloaded longer ago than this (ms) are removed. Default 7 days. */
  maxAgeMs: number;
  /** Total bytes; past it the oldest files go first. Default 256 MB. */
  maxBytes: number;
}

export const DEFAULT_CACHE_LIMITS: CacheLimits = { maxAgeMs: 7 * 24 * 60 * 60 * 1000, maxBytes: 256 * 1024 * 1024 };

/**
 * A `.part` file this old belongs to no live download (a live one writes every few seconds at
 * most; a download that stalls that long has failed): it was left by a crash or a killed host.
 */
const ABANDONED_PART_MS = 60 * 60 * 1000;

export interface PruneResult {
  removedFiles: number;
  removedBytes: number;
  /** Bytes still in the cache afterwards. */
  keptBytes: number;
}

interface CachedFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * Output files opened in an editor are downloaded into `root/<folder>/<name>` (the extension's
 * global storage). Without limits that folder only grows: every CSV ever opened, forever. This
 * keeps it bounded by age and total size and removes what crashed downloads left behind; files
 * open in an editor are never removed. Pruning is best-effort: a file it cannot read or remove is
 * skipped and logged, never an error for the command that triggered it.
 */
export class OpenedFilesCache {
  private readonly limits: CacheLimits;

  constructor(
    private readonly root: string,
    private readonly log: Logger,
    limits: Partial<CacheLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { ...DEFAULT_CACHE_LIMITS, ...limits };
  }

  /**
   * Where `name` of `folder` goes (the folder is created). `folder` and `name` must be single path
   * segments: the cache never writes outside its root.
   */
  async pathFor(folder: string, name: string): Promise<string> {
    // Callers pass names already made safe (safeFileName, core/tree/fileKinds.ts): a bad one is our bug, so English.
    for (const segment of [folder, name]) {
      if (!segment || segment === '.' || segment === '..' || /[/\\]/.test(segment)) throw new Error(`Not a file name: ${JSON.stringify(segment)}`);
    }
    const dir = join(this.root, folder);
    await mkdir(dir, { recursive: true });
    return join(dir, name);
  }

  /** Removes expired files, then the oldest until under the size limit, then empty folders. */
  async prune(keep: ReadonlySet<string> = new Set()): Promise<PruneResult> {
    const result: PruneResult = { removedFiles: 0, removedBytes: 0, keptBytes: 0 };
    const now = this.now();
    const remaining: CachedFile[] = [];
    for (const file of await this.list()) {
      const age = now - file.mtimeMs;
      const abandonedPart = file.path.endsWith('.part') && age > ABANDONED_PART_MS;
      if (!keep.has(file.path) && (abandonedPart || age > this.limits.maxAgeMs)) await this.remove(file, result);
      else remaining.push(file);
    }
    let total = remaining.reduce((sum, file) => sum + file.size, 0);
    // Oldest first; what is open in an editor and downloads in progress stay.
    for (const file of remaining.sort((a, b) => a.mtimeMs - b.mtimeMs)) {
      if (total <= this.limits.maxBytes) break;
      if (keep.has(file.path) || file.path.endsWith('.part')) continue;
      if (await this.remove(file, result)) total -= file.size;
    }
    result.keptBytes = total;
    await this.removeEmptyFolders();
    return result;
  }

  private async list(): Promise<CachedFile[]> {
    const files: CachedFile[] = [];
    for (const folder of await this.entries(this.root)) {
      if (!folder.isDirectory()) continue;
      const dir = join(this.root, folder.name);
      for (const entry of await this.entries(dir)) {
        if (!entry.isFile()) continue;
        const path = join(dir, entry.name);
        try {
          const info = await stat(path);
          files.push({ path, size: info.size, mtimeMs: info.mtimeMs });
        } catch {
          // Removed meanwhile (another window pruning): nothing to do.
        }
      }
    }
    return files;
  }

  private async entries(dir: string) {
    try {
      return await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') this.log.warn(`Opened-files cache: cannot list ${forLog(dir)}`, error);
      return [];
    }
  }

  private async remove(file: CachedFile, result: PruneResult): Promise<boolean> {
    try {
      await rm(file.path, { force: true });
      result.removedFiles++;
      result.removedBytes += file.size;
      return true;
    } catch (error) {
      this.log.warn(`Opened-files cache: cannot remove ${forLog(file.path)}`, error);
      return false;
    }
  }

  private async removeEmptyFolders(): Promise<void> {
    for (const folder of await this.entries(this.root)) {
      if (!folder.isDirectory()) continue;
      // rmdir refuses a folder that is not empty (or got a new file meanwhile): that is the check.
      // A folder pathFor just made may go too: the download makes it again (downloadToFile).
      await rmdir(join(this.root, folder.name)).catch(() => undefined);
    }
  }
}
