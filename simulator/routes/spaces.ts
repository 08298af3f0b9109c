import type { SimContext } from '../context';
import { notFound } from '../errors';
import { sendJson, type Ctx, type RouteDef } from '../http';
import type { SimSpace } from '../types';

function spaceOr404(sim: SimContext, ctx: Ctx): SimSpace | undefined {
  const id = ctx.params.spaceId ?? '';
  const space = sim.store.spaces.get(Number(id));
  if (!space) {
    sim.problem(ctx, notFound('space', id));
    return undefined;
  }
  if (!sim.canSee(ctx.key, space.id)) {
    sim.forbidden(ctx, space.id);
    return undefined;
  }
  return space;
}

/** P1–P4. The spaces list includes spaces the key may not open (their contents answer 403). */
export function spaceRoutes(sim: SimContext): RouteDef[] {
  return [
    { method: 'GET', template: '/api/v1/spaces', handler: (ctx) => sendJson(ctx, 200, [...sim.store.spaces.values()].map((s) => sim.wire.space(s))) },
    {
      method: 'GET', template: '/api/v1/spaces/search', handler: (ctx) => {
        const name = (ctx.query.get('name') ?? '').toLowerCase();
        const space = [...sim.store.spaces.values()].find((s) => s.name.toLowerCase() === name);
        if (!space) return sim.problem(ctx, notFound('space', ctx.query.get('name') ?? ''));
        sendJson(ctx, 200, sim.wire.space(space));
      },
    },
    {
      method: 'GET', template: '/api/v1/spaces/{spaceId}', handler: (ctx) => {
        const space = spaceOr404(sim, ctx);
        if (space) sendJson(ctx, 200, sim.wire.space(space));
      },
    },
    {
      method: 'GET', template: '/api/v1/spaces/{spaceId}/agents', handler: (ctx) => {
        const space = spaceOr404(sim, ctx);
        if (!space) return;
        const agents = [...sim.store.agents.values()].filter((a) => a.spaceId === space.id).sort((a, b) => a.name.localeCompare(b.name));
        sendJson(ctx, 200, agents.map((a) => sim.wire.spaceAgent(a)));
      },
    },
  ];
}
