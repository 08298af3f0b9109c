import {
  AmbiguousRequestError,
  MalformedResponseError,
  NetworkError,
  ProblemError,
  TimeoutError,
} from '../api/errors';
import type { Run } from '../api/model';
import type { SequentumApi } from '../api/sequentumApi';
import type { Logger } from '../log';
import { sleep, type Clock } from '../clock';

/** How hard to look for a run that an ambiguous start may have created. */
export interface ReconcileOptions {
  /** Wait before each read of the agent's runs, in ms; one read per entry. Default ≈10 s over 5 reads. */
  delaysMs: readonly number[];
  /** Tolerated difference between the server's clock and ours, in ms. Default 60 000. */
  skewMs: number;
  /** `maxRecords` for each read of the agent's runs. Default 25. */
  maxRecords: number;
}

export const DEFAULT_RECONCILE: ReconcileOptions = {
  delaysMs: [1000, 1500, 2000, 2500, 3000],
  skewMs: 60_000,
  maxRecords: 25,
};

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

/** Epoch ms at which the run was created, as far as the run tells (created, else startTime). */
export function runCreatedAt(run: Run): number | undefined {
  const text = run.created ?? run.startTime;
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Picks the run a start sent at `sentAt` created: not among the runs seen before the POST, and
 * created no earlier than `sentAt − skewMs` (a run without any timestamp qualifies on the first
 * condition alone). When several qualify (someone else started one too), the earliest wins.
 */
export function pickCreatedRun(
  runs: readonly Run[],
  seenBefore: ReadonlySet<number>,
  sentAt: number,
  skewMs: number,
): Run | undefined {
  const candidates = runs.filter((run) => {
    if (seenBefore.has(run.id)) return false;
    const created = runCreatedAt(run);
    return created === undefined || created >= sentAt - skewMs;
  });
  candidates.sort((a, b) => (runCreatedAt(a) ?? Infinity) - (runCreatedAt(b) ?? Infinity) || a.id - b.id);
  return candidates[0];
}

/**
 * After an ambiguous POST start: reads the agent's runs (bounded, never posting again) and returns
 * the run the start created, or undefined when none appeared. Failed reads count as attempts.
 */
export async function findRunCreatedByStart(
  api: SequentumApi,
  agentId: number,
  seenBefore: ReadonlySet<number>,
  sentAt: number,
  clock: Clock,
  log: Logger,
  options: ReconcileOptions = DEFAULT_RECONCILE,
): Promise<Run | undefined> {
  for (const [attempt, delay] of options.delaysMs.entries()) {
    await sleep(clock, delay);
    try {
      const runs = await api.listRuns(agentId, options.maxRecords, { priority: 'user' });
      const run = pickCreatedRun(runs, seenBefore, sentAt, options.skewMs);
      if (run) {
        log.info(`Ambiguous start of agent ${agentId}: adopted run ${run.id} (read ${attempt + 1})`);
        return run;
      }
    } catch (error) {
      log.warn(`Ambiguous start of agent ${agentId}: reading runs failed (read ${attempt + 1})`, error);
    }
  }
  log.info(`Ambiguous start of agent ${agentId}: no new run after ${options.delaysMs.length} reads`);
  return undefined;
}
