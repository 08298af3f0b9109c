import { runOutcome, type Run, type RunStatusCode } from '../api/model';
import type { FailedRunDetail } from '../api/runsSummary';

const DAY_MS = 86_400_000;
/** More rows than this help nobody in a side view; the dashboard has the rest. */
export const MAX_RECENT_RUNS = 200;

/** One row of the Recent Runs view: a run of the account, wherever it was started. */
export interface RecentRun {
  agentId: number;
  runId: number;
  agentName?: string;
  /** null = personal space; undefined = not known. */
  spaceId?: number | null;
  spaceName?: string;
  /** ISO UTC. */
  startTime?: string;
  status: RunStatusCode;
  statusName?: string;
  /** Server text (untrusted). */
  message?: string;
}

/** A run the extension already knows (the tree listed it, the tracker follows it) and its space, when known. */
export interface KnownRun {
  run: Run;
  spaceId?: number | null;
  spaceName?: string;
}

function fromDetail(detail: FailedRunDetail): RecentRun {
  const row: RecentRun = { agentId: detail.agentId, runId: detail.runId, status: detail.status, spaceId: detail.spaceId };
  return Object.assign(row, defined({ agentName: detail.agentName, spaceName: detail.spaceName, startTime: detail.startTime, statusName: detail.statusName, message: detail.errorMessage }));
}

function fromKnown({ run, spaceId, spaceName }: KnownRun): RecentRun {
  const row: RecentRun = { agentId: run.agentId, runId: run.id, status: run.status };
  return Object.assign(row, defined({ agentName: run.agentName, spaceId, spaceName, startTime: run.startTime ?? run.created, statusName: run.statusName, message: run.message }));
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * The account's runs of the last 24 hours: N1's failures (with agent, space and message) merged
 * with the runs the extension already knows (a followed run's status is fresher than the summary's;
 * N1's space and message fill what the known run lacks). Failures first, then the rest; each group
 * newest first. Known runs without a start time are left out (their age is unknown).
 */
export function mergeRecentRuns(failures: readonly FailedRunDetail[], known: readonly KnownRun[], now: number): RecentRun[] {
  const rows = new Map<string, RecentRun>();
  for (const detail of failures) rows.set(`${detail.agentId}/${detail.runId}`, fromDetail(detail));
  for (const entry of known) {
    const key = `${entry.run.agentId}/${entry.run.id}`;
    const fresh = fromKnown(entry);
    const summary = rows.get(key);
    rows.set(key, summary ? { ...summary, ...defined(fresh) } : fresh);
  }
  const since = now - DAY_MS;
  const startOf = (row: RecentRun) => Date.parse(row.startTime ?? '');
  const failed = (row: RecentRun) => (runOutcome(row.status) === 'failed' ? 0 : 1);
  return [...rows.values()]
    // N1 rows are in the range by the server's word, even when it left their start time out.
    .filter((row) => startOf(row) >= since || (Number.isNaN(startOf(row)) && failures.some((d) => d.runId === row.runId && d.agentId === row.agentId)))
    .sort((a, b) => failed(a) - failed(b) || startOf(b) - startOf(a) || b.runId - a.runId)
    .slice(0, MAX_RECENT_RUNS);
}
