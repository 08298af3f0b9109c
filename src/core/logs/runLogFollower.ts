import { IN_FLIGHT_STATUSES, type Run, type RunFile } from '../api/model';
import type { RequestPriority } from '../api/sequentumApi';
import { SequentumError } from '../api/errors';
import type { Clock } from '../clock';
import type { DisposableLike } from '../lifecycle';
import { findLogFile, logDocumentText, type LogFormat } from './logText';

/** What the follower reads, each call in the given lane of the request budget. */
export interface RunLogSource {
  /** R3: the run's status. */
  status(priority: RequestPriority, signal: AbortSignal): Promise<Run>;
  /** F1: the run's files. */
  files(priority: RequestPriority, signal: AbortSignal): Promise<RunFile[]>;
  /** The file's bytes as text (F2 through the download path). */
  read(file: RunFile, priority: RequestPriority, signal: AbortSignal): Promise<string>;
}

/** What the document shows after a read. */
export interface RunLogSnapshot {
  /** The log as shown (see logDocumentText); '' while the run has no log yet. */
  text: string;
  /** The run as last read. */
  run: Run;
  /** True once the run ended and the log was read after that: nothing more will come. */
  complete: boolean;
  /** The log file read; undefined while the run has none. */
  file?: RunFile;
}

export interface RunLogFollowerOptions {
  source: RunLogSource;
  clock: Clock;
  /** Gap between two reads while the run is in flight, ms (asked before each wait: settings may change). */
  intervalMs: () => number;
  onSnapshot: (snapshot: RunLogSnapshot) => void;
  /**
   * A later read failed (the first one rejects start()). `willRetry`: the follower tries again after
   * the next interval (twice the gap after each failure, up to 8×); false when the error cannot pass
   * by waiting (a typed error that is not retryable) and following has stopped.
   */
  onError: (error: unknown, willRetry: boolean) => void;
}

/**
 * Follows one run's log: reads it at once (user lane — someone asked), then, while the run is in
 * flight, again every interval in the background lane: its status first, then its files, and the
 * log only when its listed size changed (or the server lists none). Stops by itself once a read
 * after the run ended delivered the complete log; dispose() stops it at any time (the document
 * was closed) and cancels a read in progress.
 */
export class RunLogFollower implements DisposableLike {
  private readonly abort = new AbortController();
  private timer: DisposableLike | undefined;
  private lastSize: number | undefined;
  private lastFileId: number | undefined;
  private text = '';
  private failures = 0;
  private stopped = false;
  /** Reads done (status + files + log counted as one). For tests and the log line. */
  reads = 0;

  constructor(private readonly options: RunLogFollowerOptions) {}

  /**
   * Reads the log now; later reads follow on their own while the run is in flight. Rejects when
   * this first read fails (nothing to show yet: the caller reports it) and then follows no further.
   */
  start(): Promise<void> {
    return this.tick('user');
  }

  get following(): boolean {
    return !this.stopped;
  }

  private async tick(priority: RequestPriority): Promise<void> {
    this.timer = undefined;
    if (this.stopped) return;
    const { source } = this.options;
    const signal = this.abort.signal;
    try {
      // Status before files: if the run has ended by now, the log read next is its last.
      const run = await source.status(priority, signal);
      const complete = !IN_FLIGHT_STATUSES.has(run.status);
      const found = findLogFile(await source.files(priority, signal));
      if (found && this.changed(found.file)) this.text = await this.readLog(found.file, found.format, priority, signal);
      this.reads++;
      this.failures = 0;
      if (this.stopped) return;
      this.options.onSnapshot({ text: this.text, run, complete, ...(found ? { file: found.file } : {}) });
      if (complete) {
        this.stopped = true;
        return;
      }
    } catch (error) {
      if (this.stopped) return;
      if (priority === 'user') {
        this.dispose();
        throw error;
      }
      this.failures++;
      // A typed error that says trying again cannot help (404 after Delete Run, a revoked key, a log
      // over the size cap) ends the follow: otherwise it polls until the tab is closed.
      const final = SequentumError.is(error) && !error.retryable;
      if (final) this.stopped = true;
      this.options.onError(error, !final);
      if (final) return;
    }
    const backoff = Math.min(8, 2 ** this.failures);
    this.timer = this.options.clock.setTimeout(() => void this.tick('background'), this.options.intervalMs() * (this.failures > 0 ? backoff : 1));
  }

  /** Unchanged only when the same file is listed with the same known size as last read. */
  private changed(file: RunFile): boolean {
    return file.id !== this.lastFileId || file.fileSize === undefined || file.fileSize !== this.lastSize;
  }

  private async readLog(file: RunFile, format: LogFormat, priority: RequestPriority, signal: AbortSignal): Promise<string> {
    const raw = await this.options.source.read(file, priority, signal);
    this.lastFileId = file.id;
    this.lastSize = file.fileSize;
    return logDocumentText(raw, format);
  }

  dispose(): void {
    this.stopped = true;
    this.timer?.dispose();
    this.timer = undefined;
    this.abort.abort();
  }
}
