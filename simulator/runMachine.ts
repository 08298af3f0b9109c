import { Status, type SimRun } from './types';

/** Fractions of a run's length spent in each phase (Queuing, Starting, Running, Exporting). */
const QUEUE_END = 0.08;
const START_END = 0.16;
const RUN_END = 0.86;
const FAIL_AT = 0.45;
const STOP_DELAY = 0.04;

export interface RunState {
  status: number;
  /** Clock ms at which the run became terminal. */
  endAt?: number;
  message?: string;
  /** 0..1 progress of extraction, for live counters. */
  progress: number;
}

/**
 * Status of a run at clock time `now`, derived from its timeline (lazy: no timers, so the clock can be
 * advanced arbitrarily). Stop → Stopping for a short grace period → Stopped; a second kill ends it at once.
 */
export function runStateAt(run: SimRun, now: number): RunState {
  if (run.fixedStatus !== undefined) return { status: run.fixedStatus, progress: 1, message: run.final?.message };
  if (run.final) return { status: run.final.status, endAt: run.final.endAt, message: run.final.message, progress: 1 };
  const len = Math.max(1, run.lengthMs);
  const progressAt = (t: number): number => Math.min(1, Math.max(0, (t - run.createdAt - START_END * len) / ((RUN_END - START_END) * len)));
  if (run.killedAt !== undefined && now >= run.killedAt) {
    return { status: Status.Stopped, endAt: run.killedAt, message: 'The run was killed.', progress: progressAt(run.killedAt) };
  }
  if (run.stopRequestedAt !== undefined) {
    const stopEnd = run.stopRequestedAt + Math.max(1, STOP_DELAY * len);
    if (now >= stopEnd) return { status: Status.Stopped, endAt: stopEnd, message: 'The agent was successfully stopped', progress: progressAt(run.stopRequestedAt) };
    return { status: Status.Stopping, message: 'Stopping', progress: progressAt(run.stopRequestedAt) };
  }
  const t = now - run.createdAt;
  if (t < QUEUE_END * len) return { status: Status.Queuing, progress: 0 };
  if (t < START_END * len) return { status: Status.Starting, progress: 0 };
  if (run.behaviour === 'endless') return { status: Status.Running, progress: Math.min(0.99, progressAt(now)) };
  if (run.behaviour === 'failure') {
    const failAt = run.createdAt + FAIL_AT * len;
    if (now < failAt) return { status: Status.Running, progress: progressAt(now) };
    return { status: Status.Failure, endAt: failAt, message: run.failureMessage ?? 'Agent failed: success criteria not met', progress: progressAt(failAt) };
  }
  if (t < RUN_END * len) return { status: Status.Running, progress: progressAt(now) };
  if (t < len) return { status: Status.Exporting, progress: 1 };
  const status = run.behaviour === 'success' ? Status.Success : Status.Completed;
  return { status, endAt: run.createdAt + len, progress: 1 };
}

/** Active table while in flight or Failure (restartable in place); history otherwise. */
export function tableTypeFor(status: number): 'run' | 'history' {
  return status === Status.Failure || ![6, 7, 8, 9, 10, 11].includes(status) ? 'run' : 'history';
}
