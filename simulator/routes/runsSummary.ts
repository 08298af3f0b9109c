import { iso } from '../clock';
import type { SimContext } from '../context';
import { sendJson, type Ctx, type RouteDef } from '../http';
import { IN_FLIGHT, Status, STATUS_NAMES, type SimRun } from '../types';
import { dateQuery } from './schedules';

const DAY_MS = 86_400_000;

/** The buckets N1 counts, and the status-filter words the MCP tool reference names (§11). */
type Bucket = 'completed' | 'failed' | 'completedWithErrors' | 'running' | 'queued' | 'stopped' | 'other';

const FILTER_WORDS: Record<string, Bucket> = {
  completed: 'completed', success: 'completed', failed: 'failed', failure: 'failed', completedwitherrors: 'completedWithErrors',
  running: 'running', queued: 'queued', queuing: 'queued', stopped: 'stopped',
};

function bucketOf(status: number, run: SimRun): Bucket {
  if (status === Status.Failure || status === Status.Failed) return 'failed';
  if (status === Status.Completed || status === Status.Success) return run.errorCount > 0 ? 'completedWithErrors' : 'completed';
  if (status === Status.Queuing) return 'queued';
  if (IN_FLIGHT.has(status)) return 'running';
  if (status === Status.Stopped) return 'stopped';
  return 'other';
}

/** `status` as a word ("Failed", case-insensitive) or a RunStatus code; undefined = no filter; null = unreadable. */
function statusFilter(raw: string | null): ((status: number, run: SimRun) => boolean) | undefined | null {
  if (raw === null || raw.trim() === '') return undefined;
  const text = raw.trim();
  if (/^\d+$/.test(text)) {
    const code = Number(text);
    const bucket = STATUS_NAMES.has(code) ? bucketOf(code, { errorCount: 0 } as SimRun) : undefined;
    return bucket === undefined ? null : (status, run) => bucketOf(status, run) === bucket || status === code;
  }
  const key = text.toLowerCase().replace(/[^a-z]/g, '');
  const bucket = Object.hasOwn(FILTER_WORDS, key) ? FILTER_WORDS[key] : undefined;
  return bucket === undefined ? null : (status, run) => bucketOf(status, run) === bucket;
}

/** A date-only end ("2026-11-30") covers that whole day; a start or an instant is taken as given. */
function range(ctx: Ctx, now: number): { from: number; to: number } | undefined {
  const startOfToday = Math.floor(now / DAY_MS) * DAY_MS;
  const from = dateQuery(ctx, 'startDate', startOfToday);
  let to = dateQuery(ctx, 'endDate', now);
  if (to !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(ctx.query.get('endDate') ?? '')) to += DAY_MS - 1;
  return from === undefined || to === undefined || to < from ? undefined : { from, to };
}

/**
 * N1 `GET analytics/runs/summary?startDate&endDate&status&includeDetails` (§11): counts of the
 * account's runs created in the range (default today), and with `includeDetails=true` the failed
 * ones, newest first. `failedRunDetails` is null without details or without failures, as documented
 * (omitted entirely with the omitOptional variant). Runs of spaces the key may not see are left out.
 */
export function runsSummaryRoutes(sim: SimContext): RouteDef[] {
  return [
    {
      method: 'GET', template: '/api/v1/analytics/runs/summary', handler: (ctx) => {
        const now = sim.clock.now();
        const dates = range(ctx, now);
        const filter = statusFilter(ctx.query.get('status'));
        if (!dates || filter === null) {
          const field = dates ? 'status' : 'endDate';
          const detail = dates ? 'status must be Failed, Completed, CompletedWithErrors, Running, Queued, Stopped or a run status code.' : 'startDate and endDate must be ISO 8601 dates, startDate not after endDate.';
          return sim.problem(ctx, { status: 400, type: 'validation-failed', title: 'One or more validation errors occurred.', detail, fieldErrors: [{ field, pointer: `/${field}`, detail }] });
        }
        const counts: Record<Bucket, number> = { completed: 0, failed: 0, completedWithErrors: 0, running: 0, queued: 0, stopped: 0, other: 0 };
        const failed: Array<{ run: SimRun; status: number }> = [];
        let total = 0;
        for (const run of sim.store.runs.values()) {
          if (run.createdAt < dates.from || run.createdAt > dates.to) continue;
          const agent = sim.store.agents.get(run.agentId);
          if (!agent || !sim.canSee(ctx.key, agent.spaceId)) continue;
          const status = sim.store.stateOf(run).status;
          if (filter && !filter(status, run)) continue;
          const bucket = bucketOf(status, run);
          counts[bucket]++;
          total++;
          if (bucket === 'failed') failed.push({ run, status });
        }
        const details = /^(true|1)$/i.test(ctx.query.get('includeDetails') ?? '') && failed.length > 0
          ? failed.sort((a, b) => b.run.createdAt - a.run.createdAt || b.run.id - a.run.id).map(({ run, status }) => detailRow(sim, run, status))
          : null;
        const omit = sim.wire.variants.omitOptional && details === null;
        sendJson(ctx, 200, sim.wire.shape({
          startDate: iso(dates.from), endDate: iso(dates.to), totalRuns: total,
          completedRuns: counts.completed, failedRuns: counts.failed, completedWithErrorsRuns: counts.completedWithErrors,
          runningRuns: counts.running, queuedRuns: counts.queued, stoppedRuns: counts.stopped,
          ...(omit ? {} : { failedRunDetails: details }),
        }));
      },
    },
  ];
}

/** One `failedRunDetails` item; optional members (end, message, space name) go with omitOptional. */
function detailRow(sim: SimContext, run: SimRun, status: number): Record<string, unknown> {
  const agent = sim.store.agents.get(run.agentId);
  const space = agent?.spaceId != null ? sim.store.spaces.get(agent.spaceId) : undefined;
  const omit = sim.wire.variants.omitOptional;
  const row: Record<string, unknown> = {
    runId: run.id, agentId: run.agentId, agentName: agent?.name ?? null, startTime: iso(run.createdAt),
    status: sim.wire.variants.enumNames ? (STATUS_NAMES.get(status) ?? status) : status, spaceId: agent?.spaceId ?? null,
  };
  if (!omit) {
    row.endTime = run.final ? iso(run.final.endAt) : null;
    row.errorMessage = run.final?.message ?? null;
    row.spaceName = space?.name ?? null;
  }
  // Shaped as one object so PascalCase and zone-less times apply to the items as to the envelope.
  return sim.wire.shape(row);
}
