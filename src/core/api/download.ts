import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { l10n } from '../text/l10n';
import { CancelledError, ProblemError, SequentumError } from './errors';
import { cancelBody, chunkReader, continuedFrom, totalOf } from './downloadBody';
import { BodyFailure, codeOf, describe, finalError, isBodyFailure, seconds, tooLarge } from './downloadErrors';
import { sleep, throttledProgress } from './downloadTiming';
import type { FetchResponseLike } from './transport';

/** How a download behaves when the connection is slow or breaks. */
export interface DownloadPolicy {
  /**
   * An attempt fails when no byte arrives for this long (ms). There is no total timeout: a big
   * file on a slow link may take hours as long as data keeps coming. Default 30 000.
   */
  idleTimeoutMs: number;
  /** Attempts per download, the first included; later ones resume (Range) or restart. Default 4. */
  maxAttempts: number;
  /** Wait before attempt n + 1 (ms): retryDelayMs × 2^(n − 1). Default 1 000. */
  retryDelayMs: number;
}

export const DEFAULT_DOWNLOAD_POLICY: DownloadPolicy = { idleTimeoutMs: 30_000, maxAttempts: 4, retryDelayMs: 1_000 };

/** One file download: where it goes and how to ask the server for (part of) it. */
export interface DownloadJob {
  /**
   * Sends the request with `headers` (Range, If-Range) and resolves when the final response's
   * headers arrived (redirects followed, HTTP errors rejected); the body is left unread.
   */
  open(headers: Record<string, string>, signal: AbortSignal): Promise<FetchResponseLike>;
  /** Final path. The folder must exist; the file appears there only once complete. */
  destination: string;
  signal?: AbortSignal;
  /** Bytes on disk so far and the total when known; called at most every 100 ms and at the end. */
  onProgress?: (received: number, total: number | undefined) => void;
  /** Notes in the user's language (a resume, a restart, a retry): the client logs them; a caller may show them. */
  onNote?: (message: string) => void;
  /** A file larger than this (bytes) is refused: MalformedResponseError with tooLarge, nothing saved. */
  maxBytes?: number;
  /** Told where the part file is and what is on disk, unthrottled, so a reader can follow it (the table view). */
  watch?: PartFileWatcher;
}

/**
 * Follows the part file while it fills (src/core/files/growingFile.ts implements it). Whether the
 * download succeeds or fails is the returned promise's business.
 */
export interface PartFileWatcher {
  /** The part file exists at `path`, empty. It is renamed to the destination when complete. */
  opened(path: string): void;
  /** The server answered with the file (an attempt's body is about to flow). */
  responded(): void;
  /** Bytes [0, received) are on disk. */
  written(received: number): void;
  /** The download starts over from byte 0, before the part file is emptied; `sameVersion`: same strong ETag (the bytes do not change). */
  restarted(sameVersion: boolean): void;
  /**
   * Asked after each write: a promise to wait for before reading more of the body (the reader
   * wants the cores for a moment: the table view's page painting its first rows), else undefined.
   * The pause is not the server's silence (no stall); a cancel still ends it at once.
   */
  holdBeforeMore?(): PromiseLike<void> | undefined;
}

export interface SavedDownload {
  path: string;
  /** Bytes written. */
  size: number;
  contentType?: string;
  /** Attempts that continued where the previous one broke off (206 to a Range request). */
  resumed: number;
  /** Attempts that started again from byte 0 (the server ignored Range, or the file changed). */
  restarted: number;
}

/** Chunks are gathered up to this size before one write: few syscalls, bounded memory. */
const WRITE_BATCH_BYTES = 1024 * 1024;
/** The first write comes sooner: a reader following the part file (the table view) gets the first rows early. */
const FIRST_WRITE_BYTES = 64 * 1024;

/**
 * Streams a file to disk: never more than about a megabyte in memory, an idle timeout instead of a
 * total one, and on a broken or stalled connection a new attempt that resumes from the bytes
 * already written (Range + If-Range) or, when the server cannot resume, honestly starts over.
 * Data goes to a hidden `.part` file renamed to `destination` only when complete; on failure or
 * cancellation the part file is removed, so no incomplete file ever carries the final name.
 */
export async function downloadToFile(job: DownloadJob, policy: DownloadPolicy = DEFAULT_DOWNLOAD_POLICY): Promise<SavedDownload> {
  const signal = job.signal ?? new AbortController().signal;
  if (signal.aborted) throw new CancelledError();
  const partPath = `${job.destination}.${randomBytes(4).toString('hex')}.part`;
  const file = await createPart(partPath);
  job.watch?.opened(partPath);
  const state: TransferState = { received: 0, resumed: 0, restarted: 0 };
  const progress = throttledProgress(job.onProgress);
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await runAttempt(job, file, state, policy, signal, progress);
        break;
      } catch (error) {
        if (signal.aborted || CancelledError.is(error)) throw new CancelledError();
        if (!isBodyFailure(error) || attempt >= policy.maxAttempts) throw finalError(error, attempt);
        const delay = policy.retryDelayMs * 2 ** (attempt - 1);
        job.onNote?.(l10n.t('{0} — attempt {1}/{2} in {3} ms from byte {4}', error.message, attempt + 1, policy.maxAttempts, delay, state.received));
        await sleep(delay, signal);
      }
    }
    progress(state.received, state.total, true);
    await file.close();
    await rename(partPath, job.destination);
    const saved: SavedDownload = { path: job.destination, size: state.received, resumed: state.resumed, restarted: state.restarted };
    return state.contentType ? { ...saved, contentType: state.contentType } : saved;
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(partPath, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** The part file, exclusively; its folder is made again if a cache prune removed it meanwhile. */
async function createPart(partPath: string): Promise<FileHandle> {
  try {
    return await open(partPath, 'wx');
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
    await mkdir(dirname(partPath), { recursive: true });
    return open(partPath, 'wx');
  }
}

interface TransferState {
  received: number;
  total?: number;
  /** A strong validator of the version being downloaded: a resume must get the same one. */
  etag?: string;
  contentType?: string;
  resumed: number;
  restarted: number;
}

async function runAttempt(
  job: DownloadJob,
  file: FileHandle,
  state: TransferState,
  policy: DownloadPolicy,
  signal: AbortSignal,
  progress: ReturnType<typeof throttledProgress>,
): Promise<void> {
  // Byte offsets must mean the same thing in every attempt: no transfer compression.
  const headers: Record<string, string> = { 'Accept-Encoding': 'identity' };
  if (state.received > 0) {
    headers.Range = `bytes=${state.received}-`;
    if (state.etag) headers['If-Range'] = state.etag;
  }
  let response: FetchResponseLike;
  try {
    response = await job.open(headers, signal);
  } catch (error) {
    // 416: our offset is past what the server has now (the file changed): start over.
    if (!(state.received > 0 && ProblemError.is(error) && error.status === 416)) throw error;
    await startOver(file, state, job, l10n.t('the server cannot continue from the bytes already received (416)'));
    throw new BodyFailure(l10n.t('The file changed on the server during the download'), '416');
  }
  const start = continuedFrom(response);
  if (start !== 0 && start !== state.received) {
    cancelBody(response.body);
    if (state.received > 0) await startOver(file, state, job, l10n.t('the server answered a different range (from byte {0})', start));
    throw new BodyFailure(l10n.t('The server answered a different part of the file than asked for'), 'BAD_RANGE');
  }
  if (state.received > 0 && start === 0) {
    const sameVersion = state.etag !== undefined && response.headers.get('etag') === state.etag;
    await startOver(file, state, job, l10n.t('the server does not resume (200, not 206)'), sameVersion);
  } else if (state.received > 0) {
    state.resumed++;
    job.onNote?.(l10n.t('Resumed at byte {0}', start));
  }
  state.total = totalOf(response) ?? state.total;
  if (job.maxBytes !== undefined && state.total !== undefined && state.total > job.maxBytes) {
    cancelBody(response.body);
    throw tooLarge(job.maxBytes);
  }
  const etag = response.headers.get('etag');
  state.etag = etag && !etag.startsWith('W/') ? etag : undefined;
  state.contentType = response.headers.get('content-type') ?? state.contentType;
  job.watch?.responded();
  await pump(response.body, file, state, { idleTimeoutMs: policy.idleTimeoutMs, maxBytes: job.maxBytes ?? Infinity, watch: job.watch }, signal, progress);
  if (state.total !== undefined && state.received < state.total) {
    throw new BodyFailure(l10n.t('The connection closed early ({0})', describe(state.received, state.total)), 'SHORT_BODY');
  }
}

async function startOver(file: FileHandle, state: TransferState, job: DownloadJob, why: string, sameVersion = false): Promise<void> {
  job.onNote?.(l10n.t('Restarting the download from byte 0: {0}', why));
  job.watch?.restarted(sameVersion);
  await file.truncate(0);
  state.received = 0;
  state.total = undefined;
  state.etag = undefined;
  state.restarted++;
}

/**
 * Copies the body to the file. A timer reset by every chunk ends the attempt when the server goes
 * quiet; cancellation destroys the connection at once (not at the next chunk).
 */
async function pump(
  body: unknown,
  file: FileHandle,
  state: TransferState,
  { idleTimeoutMs, maxBytes, watch }: { idleTimeoutMs: number; maxBytes: number; watch: PartFileWatcher | undefined },
  signal: AbortSignal,
  progress: ReturnType<typeof throttledProgress>,
): Promise<void> {
  const reader = chunkReader(body);
  let batch: Uint8Array[] = [];
  let batched = 0;
  // Why the transfer was stopped (stall, cancel), and how to interrupt the read now waiting.
  let stopReason: Error | undefined;
  let interrupt: ((error: Error) => void) | undefined;
  const stop = (error: Error): void => {
    stopReason ??= error;
    interrupt?.(stopReason);
  };
  // While the reader holds the download (holdBeforeMore) nothing is read: no data is not a stall.
  let held = false;
  const idle = setTimeout(() => {
    if (held) return;
    stop(new BodyFailure(l10n.t('The download stalled: no data for {0} ({1})', seconds(idleTimeoutMs), describe(state.received + batched, state.total)), 'STALLED'));
  }, idleTimeoutMs);
  const onAbort = (): void => stop(new CancelledError());
  signal.addEventListener('abort', onAbort, { once: true });
  // A fresh promise per read: racing every read against one long-lived promise would keep each
  // chunk reachable from that promise's reactions — the whole file in memory after all.
  const nextChunk = (): Promise<Uint8Array | undefined> =>
    new Promise((resolve, reject) => {
      if (stopReason) return reject(stopReason);
      interrupt = reject;
      reader.next().then(resolve, reject);
    });
  const holdFor = (hold: PromiseLike<void>): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (stopReason) return reject(stopReason);
      interrupt = reject;
      held = true;
      hold.then(resolve, () => resolve());
    }).finally(() => (held = false));
  const flush = async (): Promise<void> => {
    if (batched === 0) return;
    await file.writev(batch, state.received);
    state.received += batched;
    batch = [];
    batched = 0;
    watch?.written(state.received);
    progress(state.received, state.total);
  };
  try {
    for (;;) {
      let chunk: Uint8Array | undefined;
      try {
        chunk = await nextChunk();
      } catch (error) {
        if (error instanceof SequentumError) throw error;
        throw new BodyFailure(l10n.t('The connection broke during the download ({0})', describe(state.received + batched, state.total)), codeOf(error), { cause: error });
      }
      idle.refresh();
      if (chunk === undefined) break;
      batch.push(chunk);
      batched += chunk.byteLength;
      // A listed size can be wrong: the limit holds for what actually arrives.
      if (state.received + batched > maxBytes) throw tooLarge(maxBytes);
      if (batched >= (state.received === 0 ? FIRST_WRITE_BYTES : WRITE_BATCH_BYTES)) {
        await flush();
        const hold = watch?.holdBeforeMore?.();
        if (hold) await holdFor(hold);
        // Time spent writing to disk (or held by the reader) is not the server's silence.
        idle.refresh();
      }
    }
    await flush();
  } catch (error) {
    // Whatever was received before the break is on disk for the next attempt to continue from.
    await flush().catch(() => undefined);
    reader.cancel();
    throw error;
  } finally {
    interrupt = undefined;
    clearTimeout(idle);
    signal.removeEventListener('abort', onAbort);
  }
}
