import { exportCountOf } from '../billing';
import { iso } from '../clock';
import type { SimContext } from '../context';
import { sendJson, type Ctx, type RouteDef } from '../http';
import { Status } from '../types';
import { runOr404 } from './runs';

/** N2: totals of finished runs that ended in [startDate, endDate] (default: today, UTC), of one agent or all visible ones. */
function recordsSummary(sim: SimContext, ctx: Ctx): void {
  const now = sim.clock.now();
  const today = now - (now % 86_400_000);
  const read = (name: string, fallback: number, asEnd: boolean): number | undefined => {
    const raw = ctx.query.get(name);
    if (raw === null || raw.trim() === '') return fallback;
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(raw.trim());
    const ms = Date.parse(dateOnly ? `${raw.trim()}T00:00:00Z` : raw);
    return Number.isNaN(ms) ? undefined : dateOnly && asEnd ? ms + 86_399_999 : ms;
  };
  const start = read('startDate', today, false);
  const end = read('endDate', now, true);
  const agentText = ctx.query.get('agentId');
  const agentId = agentText === null || agentText === '' ? null : Number(agentText);
  if (start === undefined || end === undefined || (agentId !== null && !Number.isInteger(agentId))) {
    return sim.problem(ctx, { status: 400, type: 'validation-failed', title: 'Bad Request', detail: 'startDate/endDate must be dates and agentId an integer.' });
  }
  const agents = sim.visibleAgents(ctx.key).filter((a) => agentId === null || a.id === agentId);
  const totals = { totalRecordsExtracted: 0, totalRecordsExported: 0, totalErrors: 0, totalPageLoads: 0, runCount: 0 };
  for (const agent of agents) {
    for (const run of sim.store.runsOf(agent.id)) {
      sim.store.stateOf(run);
      if (!run.final || run.final.endAt < start || run.final.endAt > end) continue;
      totals.totalRecordsExtracted += run.dataCount;
      totals.totalRecordsExported += exportCountOf(run);
      totals.totalErrors += run.errorCount;
      totals.totalPageLoads += run.pageCount;
      totals.runCount += 1;
    }
  }
  sendJson(ctx, 200, sim.wire.shape({ startDate: iso(start), endDate: iso(end), ...totals, agentId }));
}

/** N2 records summary, N3 run diagnostics and N4 latest failure of an agent. */
export function analyticsRoutes(sim: SimContext): RouteDef[] {
  return [
    { method: 'GET', template: '/api/v1/analytics/records/summary', handler: (ctx) => recordsSummary(sim, ctx) },
    {
      method: 'GET', template: '/api/v1/analytics/agents/{agentId}/runs/{runId}/diagnostics', handler: (ctx) => {
        const found = runOr404(sim, ctx);
        if (found) sendJson(ctx, 200, sim.wire.diagnostics(found.run));
      },
    },
    {
      method: 'GET', template: '/api/v1/analytics/agents/{agentId}/latest-failure', handler: (ctx) => {
        const agent = sim.agentOr404(ctx);
        if (!agent) return;
        const failed = sim.store.runsOf(agent.id).find((r) => {
          const s = sim.store.stateOf(r).status;
          return s === Status.Failure || s === Status.Failed;
        });
        if (!failed) {
          return sim.problem(ctx, { status: 404, type: 'no-failure-found', title: 'Not Found', detail: `Agent ${agent.id} has no failed runs.` });
        }
        sendJson(ctx, 200, sim.wire.diagnostics(failed));
      },
    },
  ];
}
