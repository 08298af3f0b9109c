import type { SimContext } from '../context';
import { sendJson, type RouteDef } from '../http';
import { Status } from '../types';
import { runOr404 } from './runs';

/** N3 run diagnostics and N4 latest failure of an agent. */
export function analyticsRoutes(sim: SimContext): RouteDef[] {
  return [
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
