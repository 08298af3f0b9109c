import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CancelledError } from '../api/errors';
import type { RunFile } from '../api/model';
import type { SequentumApi } from '../api/sequentumApi';
import { describeDownloadFailure, type DownloadFailure } from './downloadFailure';
import { LocalNames } from './localNames';
import { moveWithoutReplacing } from './moveWithoutReplacing';

/**
 * Output files downloaded at the same time. Each download costs one API request of the user lane
 * (the signed link; the bytes come from the file store, outside the budget), so a few in parallel
 * keep a slow link busy without taking the whole budget from the rest of the window.
 */
export const DOWNLOAD_ALL_CONCURRENCY = 3;

/** How far a batch got: files finished (saved or failed) and bytes on disk. */
export interface BatchProgress {
  filesDone: number;
  filesTotal: number;
  /** Bytes of saved files plus what the files in flight have written so far. */
  bytesDone: number;
  /** The sum of the listed sizes; undefined when a file's size is unknown. */
  bytesTotal?: number;
}

export interface DownloadAllJob {
  api: Pick<SequentumApi, 'downloadRunFileTo'>;
  agentId: number;
  runId: number;
  files: readonly RunFile[];
  /** An existing folder; every file lands directly in it. */
  folder: string;
  /** Cancels the batch: the files in flight stop and leave nothing behind; saved files stay. */
  signal: AbortSignal;
  /** Files at the same time; default DOWNLOAD_ALL_CONCURRENCY. */
  concurrency?: number;
  onProgress?: (progress: BatchProgress) => void;
}

export interface SavedFile {
  file: RunFile;
  path: string;
  /** Bytes written. */
  size: number;
}

export interface FailedFile {
  file: RunFile;
  /** The local name it was to have. */
  name: string;
  error: unknown;
  failure: DownloadFailure;
}

export interface DownloadAllResult {
  /** In the order they finished. */
  saved: SavedFile[];
  failed: FailedFile[];
  /** Not downloaded because the batch was cancelled or stopped (none of their bytes remain). */
  notTried: RunFile[];
  cancelled: boolean;
  /** The failure that stopped the batch because every later file would have hit it too. */
  stoppedBy?: FailedFile;
}

/**
 * Downloads every file of a run into one folder, a few at a time, each through the real download
 * path (streamed to disk, resumed on a broken connection, the final name only once complete).
 * Names come from LocalNames (safe, no collisions, never over an existing file — not even one made
 * by another program while the file downloaded: the final move never replaces). One file failing
 * does not stop the others unless the failure is folder- or key-wide (disk full, no permission,
 * key refused), which stops the batch at once. Never rejects: the result says what happened.
 */
export async function downloadAllFiles(job: DownloadAllJob): Promise<DownloadAllResult> {
  const { files, folder } = job;
  const names = new LocalNames(folder);
  const stop = new AbortController();
  const signal = AbortSignal.any([job.signal, stop.signal]);
  const result: DownloadAllResult = { saved: [], failed: [], notTried: [], cancelled: false };
  const sizes = files.map((file) => file.fileSize);
  const bytesTotal = sizes.every((size) => size !== undefined) ? sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0) : undefined;
  const inFlight = new Map<number, number>();
  let savedBytes = 0;
  const report = (): void => {
    let bytesDone = savedBytes;
    for (const received of inFlight.values()) bytesDone += received;
    job.onProgress?.({ filesDone: result.saved.length + result.failed.length, filesTotal: files.length, bytesDone, ...(bytesTotal !== undefined ? { bytesTotal } : {}) });
  };

  const downloadOne = async (index: number): Promise<void> => {
    const file = files[index];
    let name = basename(file.name);
    try {
      let path = await names.reserve(file.name, `file-${file.id}`);
      name = basename(path);
      inFlight.set(index, 0);
      // Saved under a name of ours first, then moved to its own without replacing: another program
      // may have made a file of that name since the name was checked.
      const staging = join(folder, `.sequentum-${randomBytes(4).toString('hex')}.saving`);
      const saved = await job.api.downloadRunFileTo(job.agentId, job.runId, file.id, staging, {
        signal,
        onProgress: (received) => {
          inFlight.set(index, received);
          report();
        },
      });
      try {
        while (!(await moveWithoutReplacing(staging, path))) path = await names.reserve(file.name, `file-${file.id}`);
      } catch (error) {
        await rm(staging, { force: true });
        throw error;
      }
      savedBytes += saved.size;
      result.saved.push({ file, path, size: saved.size });
    } catch (error) {
      if (signal.aborted) {
        // Cancelled, or stopped by another file's folder-wide failure: this one was not tried to the end.
        result.notTried.push(file);
        return;
      }
      const failed: FailedFile = { file, name, error, failure: describeDownloadFailure(error, { name, folder }) };
      result.failed.push(failed);
      if (failed.failure.affectsAll) {
        result.stoppedBy = failed;
        stop.abort(new CancelledError());
      }
    } finally {
      inFlight.delete(index);
      report();
    }
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      if (signal.aborted) result.notTried.push(files[index]);
      else await downloadOne(index);
    }
  };
  report();
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(job.concurrency ?? DOWNLOAD_ALL_CONCURRENCY, files.length)) }, worker));
  } finally {
    names.release();
  }
  result.cancelled = job.signal.aborted;
  return result;
}
