import { open, type FileHandle } from 'node:fs/promises';
import type { PartFileWatcher } from '../api/download';
import { systemClock, type Clock } from '../clock';

/** The download being followed started over from byte 0 with what may be another version: what was read so far may not be the file any more. */
export class DownloadRestartedError extends Error {
  readonly kind = 'downloadRestarted';
  constructor() {
    super('The download started over (the file changed on the server) while it was being read.');
    this.name = 'DownloadRestartedError';
  }

  static is(value: unknown): value is DownloadRestartedError {
    return value instanceof DownloadRestartedError;
  }
}

type Outcome = { ok: true } | { ok: false; error: unknown };

/**
 * How long a download opened in the table view pauses after its first bytes for the page to show
 * them (see GrowingFileOptions): pages paint in 0.3–1 s on a busy machine; one that never reports
 * does not stall the download for longer than this.
 */
export const HOLD_FOR_VIEWER_MS = 3000;

export interface GrowingFileOptions {
  /**
   * After its first bytes are on disk the download pauses (stops reading the response: TCP stops
   * the sender too) until `viewerShowing()` or this many ms: the viewer's page loads and paints
   * its first rows with the cores to itself, not beside tens of MB going to disk. Default: no pause.
   */
  holdForViewerMs?: number;
  clock?: Clock;
}

/** When the download reached each step, on the clock's monotonic time (for the table view's log). */
export interface GrowingFileTimeline {
  created: number;
  responded?: number;
  firstBytes?: number;
  /** How long the download was paused for the viewer (once it resumed). */
  heldMs?: number;
}

/**
 * A file on disk that may still be downloading: a reader (the table view's index pass) follows its
 * bytes as they are written, so the first rows show while the rest is on its way. The download
 * writes a part file and renames it when complete; a handle opened on the part file keeps reading
 * the same bytes after the rename (POSIX; on Windows Node opens files with FILE_SHARE_DELETE).
 * A file that is already complete is `GrowingFile.complete(path)`: the same reader, no waiting.
 */
export class GrowingFile implements PartFileWatcher {
  private partPath: string | undefined;
  private received = 0;
  private restarts = 0;
  private outcome: Outcome | undefined;
  private waiters: Array<() => void> = [];
  private announceAnswer: () => void = () => undefined;
  /**
   * Resolves once the server answered with the file (its bytes are on their way) or the download
   * settled (either way): a viewer opens then, loading while the bytes arrive.
   */
  readonly answered = new Promise<void>((resolve) => (this.announceAnswer = resolve));
  private announceSettled: () => void = () => undefined;
  /** Resolves once the download settled (either way). */
  readonly settled = new Promise<void>((resolve) => (this.announceSettled = resolve));

  private readonly clock: Clock;
  readonly timeline: GrowingFileTimeline;
  /** The pause for the viewer: asked for and not yet taken (`pending`), running, or over. */
  private hold: 'pending' | 'over' | { release(): void } = 'over';

  /** `destination`: the path the file has once complete. */
  constructor(
    readonly destination: string,
    private readonly options: GrowingFileOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.timeline = { created: this.clock.now() };
    if (options.holdForViewerMs !== undefined) this.hold = 'pending';
  }

  /** A file already complete on disk. */
  static complete(path: string): GrowingFile {
    const file = new GrowingFile(path);
    file.settle({ ok: true });
    return file;
  }

  /** True once the download ended (or for a complete file); false while it runs or after it failed. */
  get isComplete(): boolean {
    return this.outcome?.ok === true;
  }

  /** True once the download failed (or was cancelled). */
  get hasFailed(): boolean {
    return this.outcome?.ok === false;
  }

  /** Settles with the download: `download` is its promise (the table needs only whether and how it ended). */
  follow(download: Promise<unknown>): void {
    download.then(
      () => this.settle({ ok: true }),
      (error: unknown) => this.settle({ ok: false, error }),
    );
  }

  opened(path: string): void {
    this.partPath = path;
  }

  responded(): void {
    this.timeline.responded ??= this.clock.now();
    this.announceAnswer();
  }

  written(received: number): void {
    this.timeline.firstBytes ??= this.clock.now();
    this.received = received;
    this.wake();
  }

  /**
   * The download asks after each write whether to pause: once, after the first write, when
   * `holdForViewerMs` is set and no viewer has shown its first rows yet (see GrowingFileOptions).
   */
  holdBeforeMore(): Promise<void> | undefined {
    if (this.hold !== 'pending' || this.outcome) return undefined;
    const start = this.clock.now();
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => release(), this.options.holdForViewerMs ?? 0);
      const release = (): void => {
        timer.dispose();
        this.hold = 'over';
        this.timeline.heldMs = this.clock.now() - start;
        resolve();
      };
      this.hold = { release };
    });
  }

  /** A viewer shows the first rows (or will never need the pause): the download goes on at once. */
  viewerShowing(): void {
    if (this.hold === 'pending') this.hold = 'over';
    else if (this.hold !== 'over') this.hold.release();
  }

  restarted(sameVersion: boolean): void {
    // The same version rewritten: a reader waits until the bytes pass where it is and goes on
    // (a read racing the truncation sees the old bytes, the same new ones, or comes up short).
    if (!sameVersion) this.restarts++;
    this.received = 0;
    this.wake();
  }

  /**
   * Resolves once bytes [0, end) are on disk: at once while they are, or once the download ended
   * (either way: what a handle reads is then all there will be). Rows already indexed wait here
   * only while a same-version restart writes them again.
   */
  async until(end: number): Promise<void> {
    while (!this.outcome && this.received < end) await this.nextChange(new AbortController().signal);
  }

  /** Opens the bytes as they are now: the part file while the download runs, else the destination. */
  async openHandle(): Promise<FileHandle> {
    if (!this.outcome && this.partPath) {
      try {
        return await open(this.partPath, 'r');
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
        // Renamed (complete) or removed (failed): the download's promise settles a few ticks after
        // its rename, so the outcome may not be known yet. Wait for it.
        await this.settled;
      }
    }
    if (this.outcome && !this.outcome.ok) throw this.outcome.error;
    return open(this.destination, 'r');
  }

  /**
   * The file's bytes from the start, `chunkBytes` at a time, read through `handle` (from
   * openHandle) as they arrive: waits for more while the download runs and ends at the end of the
   * complete file. Throws the download's error, or DownloadRestartedError when it started over.
   * Returns quietly when `signal` aborts. `onCaughtUp` is called each time every byte on disk so
   * far has been handed out and the reader is about to wait for more.
   *
   * Every chunk is a view of one read buffer, valid until the next chunk is asked for: a reader
   * copies what it keeps. (A fresh buffer per chunk was the whole file in garbage outside the JS
   * heap — 46 MB for the bench's table — which the allocator kept as RSS after the GC freed it.)
   */
  async *chunks(handle: FileHandle, chunkBytes: number, signal: AbortSignal, onCaughtUp?: () => void): AsyncGenerator<Buffer> {
    const restartsAtStart = this.restarts;
    let position = 0;
    let readBuffer: Buffer | undefined;
    while (!signal.aborted) {
      const settled = this.outcome;
      if (settled && !settled.ok) throw settled.error;
      const available = settled ? Infinity : this.received;
      if (position < available) {
        readBuffer ??= Buffer.allocUnsafe(chunkBytes);
        const buffer = readBuffer.subarray(0, Math.min(chunkBytes, available - position));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
        // A restart bumps the count before the part file is emptied: bytes read after it are not trusted.
        if (this.restarts !== restartsAtStart) throw new DownloadRestartedError();
        if (bytesRead > 0) {
          position += bytesRead;
          yield buffer.subarray(0, bytesRead);
          continue;
        }
        if (settled) return;
      }
      if (this.restarts !== restartsAtStart) throw new DownloadRestartedError();
      onCaughtUp?.();
      await this.nextChange(signal);
    }
  }

  private settle(outcome: Outcome): void {
    this.outcome ??= outcome;
    this.viewerShowing();
    this.announceAnswer();
    this.announceSettled();
    this.wake();
  }

  /** Resolves at the next write, restart, settlement or abort. */
  private nextChange(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      signal.addEventListener('abort', done, { once: true });
      this.waiters.push(done);
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}

/**
 * Downloads in progress that a viewer may open before they end, by destination path: the command
 * that starts a download puts it here, the table view takes it when VS Code opens the file. An
 * entry leaves when its download settles (the file is then on disk, or not).
 */
export class GrowingFiles {
  private readonly files = new Map<string, GrowingFile>();

  add(file: GrowingFile): void {
    this.files.set(file.destination, file);
    void file.settled.then(() => {
      if (this.files.get(file.destination) === file) this.files.delete(file.destination);
    });
  }

  /** The download in progress to `path`, else the complete file there. */
  fileAt(path: string): GrowingFile {
    return this.files.get(path) ?? GrowingFile.complete(path);
  }
}
