import {
  AmbiguousRequestError,
  CancelledError,
  MalformedResponseError,
  NetworkError,
  ProblemError,
  TimeoutError,
} from '../api/errors';
import type { Run, StartRunOptions } from '../api/model';
import type { SequentumApi } from '../api/sequentumApi';
import { parseServerTime } from '../api/serverTime';
import type { Logger } from '../log';
import { sleep, type Clock } from '../clock';
import { startOptionMismatches } from './startMatch';

/** How hard to look for a run that an ambiguous start may have created. */
export interface ReconcileOptions {
  /** Wait before each read of the agent's runs, in ms; one read per entry. Default ≈10 s over 5 reads. */
  delaysMs: readonly number[];
  /**
   * How much earlier than our send time (our clock) the server may date the run it created, in ms.
   * Default 5 000: clocks kept by NTP agree to well under a second, and the margin also covers
   * server timestamps cut to whole seconds. A run dated earlier than that is never adopted on its
   * own: it is offered to the user as a run that could be ours.
   */
  skewMs: number;
  /** `maxRecords` for each read of the agent's runs. Default 25. */
  maxRecords: number;
}

export const DEFAULT_RECONCILE: ReconcileOptions = {
  delaysMs: [1000, 1500, 2000, 2500, 3000],
  skewMs: 5_000,
  maxRecords: 25,
};

/** What is known about a start whose POST got no definite answer: enough to look for its run. */
export interface AmbiguousStart {
  agentId: number;
  agentName?: string;
  /** Ids of the agent's runs as read right before the POST (none of them can be ours). */
  seenBefore: readonly number[];
  /** Epoch ms (our clock) at which the POST was sent. */
  sentAt: number;
  /** The body we sent. */
  options: StartRunOptions;
}

/**
 * What the agent's runs say about an ambiguous start.
 * - `ours`: exactly one new run fits (created since the POST, within the skew margin, matching the
 *   options it carries) and nothing else new could be ours — adopt it.
 * - `unclear`: new runs that could be ours, but more than one, or dated before the POST beyond the
 *   margin — a teammate's start or a schedule may have made them; the user decides. Oldest first.
 * - `none`: no new run that could be ours (new runs with other options are someone else's).
 */
export type ReconcileVerdict = { kind: 'ours'; run: Run } | { kind: 'unclear'; candidates: Run[] } | { kind: 'none' };

/** Socket errors that happen before the request reaches the server: the start definitely did not happen. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Whether a failed POST start may still have created a run. The client reports these as
 * AmbiguousRequestError; the other cases are accepted too so a client that reports the underlying
 * error directly can never make us post twice.
 */
export function isAmbiguousStartFailure(error: unknown): boolean {
  if (AmbiguousRequestError.is(error) || TimeoutError.is(error) || MalformedResponseError.is(error)) return true;
  if (ProblemError.is(error)) return error.status >= 500;
  if (NetworkError.is(error)) return !error.notSent && !NEVER_SENT_CODES.has(error.code ?? '');
  return false;
}

/** Whether a start went unanswered because the user stopped waiting (Cancel after the POST left), not by a failure. */
export function stoppedWaiting(cause: unknown): boolean {
  return AmbiguousRequestError.is(cause) && CancelledError.is(cause.cause);
}

/** Epoch ms at which the run was created, as far as the run tells (created, else startTime; zone-less = UTC). */
export function runCreatedAt(run: Run): number | undefined {
  return parseServerTime(run.created ?? run.startTime);
}

/**
 * Judges one read of the agent's runs after an ambiguous start (see {@link ReconcileVerdict}).
 * A run without any timestamp is judged on being new and matching alone.
 */
export function judgeNewRuns(runs: readonly Run[], start: AmbiguousStart, skewMs: number): ReconcileVerdict {
  const seen = new Set(start.seenBefore);
  const couldBeOurs = runs.filter((run) => !seen.has(run.id) && startOptionMismatches(run, start.options).length === 0);
  const recent = couldBeOurs.filter((run) => (runCreatedAt(run) ?? Infinity) >= start.sentAt - skewMs);
  if (recent.length === 1 && couldBeOurs.length === 1) return { kind: 'ours', run: recent[0] };
  if (couldBeOurs.length === 0) return { kind: 'none' };
  const candidates = [...couldBeOurs].sort((a, b) => (runCreatedAt(a) ?? Infinity) - (runCreatedAt(b) ?? Infinity) || a.id - b.id);
  return { kind: 'unclear', candidates };
}

/**
 * After an ambiguous POST start: reads the agent's runs (bounded, never posting again) until a
 * read finds a run that is or could be ours. Failed reads count as attempts. Never throws.
 */
export async function findRunCreatedByStart(
  api: SequentumApi,
  start: AmbiguousStart,
  clock: Clock,
  log: Logger,
  options: ReconcileOptions = DEFAULT_RECONCILE,
): Promise<ReconcileVerdict> {
  const { agentId } = start;
  for (const [attempt, delay] of options.delaysMs.entries()) {
    await sleep(clock, delay);
    try {
      const runs = await api.listRuns(agentId, options.maxRecords, { priority: 'user' });
      const verdict = judgeNewRuns(runs, start, options.skewMs);
      if (verdict.kind === 'ours') {
        log.info(`Ambiguous start of agent ${agentId}: adopted run ${verdict.run.id} (read ${attempt + 1})`);
        return verdict;
      }
      if (verdict.kind === 'unclear') {
        log.info(`Ambiguous start of agent ${agentId}: runs ${verdict.candidates.map((r) => r.id).join(', ')} could be ours (read ${attempt + 1}); asking`);
        return verdict;
      }
    } catch (error) {
      log.warn(`Ambiguous start of agent ${agentId}: reading runs failed (read ${attempt + 1})`, error);
    }
  }
  log.info(`Ambiguous start of agent ${agentId}: no run that could be ours after ${options.delaysMs.length} reads`);
  return { kind: 'none' };
}
