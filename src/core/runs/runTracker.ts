import { IN_FLIGHT_STATUSES, RunStatus, type Run } from '../api/model';
import { Emitter, type EventLike } from '../emitter';
import type { Clock } from '../clock';

/** An action the user asked for that the server has not confirmed yet ("Starting…", "Stopping…"). */
export type PendingAction = 'starting' | 'stopping' | 'killing';

/** Identifies a run; tree nodes and commands pass this shape around. */
export interface RunRef {
  agentId: number;
  runId: number;
}

/** A run the tracker follows, with what the user is waiting for. */
export interface TrackedRun {
  readonly run: Run;
  readonly pending?: PendingAction;
  /** Epoch ms at which the tracker began following the run. */
  readonly followedSince: number;
}

/** One change of a run the tracker follows (or followed until this change finished it). */
export interface RunChangeEvent extends TrackedRun {
  /** True when the run left the in-flight statuses with this change. */
  readonly finished: boolean;
}

export function runKey(ref: RunRef): string {
  return `${ref.agentId}/${ref.runId}`;
}

export function refOf(run: Run): RunRef {
  return { agentId: run.agentId, runId: run.id };
}

const FIELDS_THAT_MATTER: readonly (keyof Run)[] = [
  'status',
  'message',
  'endTime',
  'startTime',
  'recordsExtracted',
  'recordsExported',
  'errorCount',
  'runTimeSec',
];

/** How many finished runs the tracker remembers, so a list read before a finish cannot revive them. */
const REMEMBERED_FINISHES = 500;
/**
 * How long after a finish an in-flight copy of the run counts as a list read before it (answers
 * come within the request timeout and its retries). Later, or with a start after the finish, it is
 * a real restart: a Failure run can be restarted in place.
 */
const STALE_LIST_MS = 120_000;

/**
 * The set of in-flight runs the extension follows: runs it started, runs the user acted on, and
 * in-flight runs seen in the tree. Holds no timers (the poller does the polling); it only keeps state
 * and tells subscribers (tree, status bar, notifications) what changed.
 */
export class RunTracker {
  private readonly runs = new Map<string, TrackedRun>();
  /** Final state of runs that finished while followed, and when (epoch ms); oldest first, bounded. */
  private readonly ended = new Map<string, { run: Run; at: number }>();
  private readonly changed = new Emitter<RunChangeEvent>({ name: 'RunTracker.onDidChangeRun' });
  private readonly finishedEmitter = new Emitter<RunChangeEvent>({ name: 'RunTracker.onDidFinishRun' });
  private readonly inFlightEmitter = new Emitter<number>({ name: 'RunTracker.onDidChangeInFlight' });

  /** Any change of a followed run: status, counters, pending action, or its finish. */
  readonly onDidChangeRun: EventLike<RunChangeEvent> = this.changed.event;
  /** A followed run reached a terminal status. */
  readonly onDidFinishRun: EventLike<RunChangeEvent> = this.finishedEmitter.event;
  /** The number of followed runs changed (the argument). */
  readonly onDidChangeInFlight: EventLike<number> = this.inFlightEmitter.event;

  constructor(private readonly clock: Clock) {}

  /** Followed runs, oldest first. */
  inFlight(): TrackedRun[] {
    return [...this.runs.values()];
  }

  get(ref: RunRef): TrackedRun | undefined {
    return this.runs.get(runKey(ref));
  }

  /**
   * Starts following `run` when it is in flight (with an optional pending action shown until the
   * server confirms); for a run already followed this is an update.
   */
  follow(run: Run, pending?: PendingAction): void {
    const current = this.runs.get(runKey(refOf(run)));
    if (current) {
      this.update(run, pending ?? current.pending);
      return;
    }
    if (!IN_FLIGHT_STATUSES.has(run.status)) return;
    const ended = this.ended.get(runKey(refOf(run)));
    if (ended && this.clock.now() - ended.at < STALE_LIST_MS && !startedAfter(run, ended.run)) {
      // An in-flight copy from a list read before the finish: following it would poll the run and
      // announce its finish twice. Listeners get the final state instead, which corrects the list.
      this.changed.fire({ run: ended.run, followedSince: this.clock.now(), finished: false });
      return;
    }
    const tracked: TrackedRun = { run: { ...run }, pending, followedSince: this.clock.now() };
    this.runs.set(runKey(refOf(run)), tracked);
    this.changed.fire({ ...tracked, finished: false });
    this.inFlightEmitter.fire(this.runs.size);
  }

  /** Runs as listed somewhere else (the tree): in-flight ones are followed, followed ones updated. */
  observe(runs: readonly Run[]): void {
    for (const run of runs) this.follow(run);
  }

  /** Marks a followed run (or starts following it) as waiting for `action`. */
  markPending(run: Run, action: PendingAction): void {
    const current = this.runs.get(runKey(refOf(run)));
    if (!current) {
      this.follow(run, action);
      return;
    }
    if (current.pending === action) return;
    const tracked = { ...current, pending: action };
    this.runs.set(runKey(refOf(run)), tracked);
    this.changed.fire({ ...tracked, finished: false });
  }

  /** Drops the pending action of a followed run (the stop or kill request failed). */
  clearPending(ref: RunRef): void {
    const current = this.runs.get(runKey(ref));
    if (!current?.pending) return;
    const tracked = { ...current, pending: undefined };
    this.runs.set(runKey(ref), tracked);
    this.changed.fire({ ...tracked, finished: false });
  }

  /**
   * A fresh status of a followed run. Clears the pending action once the server shows it took
   * effect, and finishes the run when its status left the in-flight set. Unfollowed runs are ignored.
   */
  update(run: Run, pending?: PendingAction): void {
    const key = runKey(refOf(run));
    const current = this.runs.get(key);
    if (!current) return;
    const finished = !IN_FLIGHT_STATUSES.has(run.status);
    const nextPending = finished ? undefined : settlePending(pending ?? current.pending, current.run, run);
    const tracked: TrackedRun = { run: { ...current.run, ...definedFields(run) }, pending: nextPending, followedSince: current.followedSince };
    if (!finished && nextPending === current.pending && !differs(current.run, tracked.run)) return;
    if (finished) this.remember(key, tracked.run);
    else this.runs.set(key, tracked);
    const event = { ...tracked, finished };
    this.changed.fire(event);
    if (finished) {
      this.finishedEmitter.fire(event);
      this.inFlightEmitter.fire(this.runs.size);
    }
  }

  private remember(key: string, run: Run): void {
    this.runs.delete(key);
    this.ended.set(key, { run, at: this.clock.now() });
    if (this.ended.size > REMEMBERED_FINISHES) this.ended.delete(this.ended.keys().next().value as string);
  }

  /** Stops following a run without a finish (e.g. it was deleted on the server). */
  forget(ref: RunRef): void {
    if (this.runs.delete(runKey(ref))) this.inFlightEmitter.fire(this.runs.size);
  }

  dispose(): void {
    this.runs.clear();
    this.ended.clear();
    this.changed.dispose();
    this.finishedEmitter.dispose();
    this.inFlightEmitter.dispose();
  }
}

/** "Starting…" ends with the first fresh status; "Stopping…" once the server reports Stopping (5). */
function settlePending(pending: PendingAction | undefined, before: Run, after: Run): PendingAction | undefined {
  if (pending === 'starting') return after.status === before.status && !after.startTime ? pending : undefined;
  if (pending === 'stopping') return after.status === RunStatus.Stopping ? undefined : pending;
  return pending;
}

/** True when `run` started after `ended` ended (a restart in place), as far as the times tell. */
function startedAfter(run: Run, ended: Run): boolean {
  return Date.parse(run.startTime ?? '') > Date.parse(ended.endTime ?? ended.startTime ?? '');
}

function definedFields(run: Run): Partial<Run> {
  return Object.fromEntries(Object.entries(run).filter(([, value]) => value !== undefined));
}

function differs(a: Run, b: Run): boolean {
  return FIELDS_THAT_MATTER.some((field) => a[field] !== b[field]);
}
