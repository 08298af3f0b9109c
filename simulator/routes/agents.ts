import type { SimContext } from '../context';
import { sendJson, type Ctx, type RouteDef } from '../http';
import { STATUS_NAMES, type SimAgent } from '../types';

function intParam(ctx: Ctx, name: string): number | undefined | 'bad' {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return undefined;
  return /^-?\d+$/.test(raw) ? Number(raw) : 'bad';
}

function badQuery(sim: SimContext, ctx: Ctx, name: string, detail: string): void {
  sim.problem(ctx, {
    status: 400, type: 'validation-failed', title: 'One or more validation errors occurred.', detail,
    fieldErrors: [{ field: name, pointer: `/${name}`, detail }],
  });
}

type SortKey = (a: SimAgent) => string | number;

function sorter(sim: SimContext, column: string): SortKey {
  switch (column.toLowerCase()) {
    case 'lastactivity':
      return (a) => sim.store.latestRun(a.id)?.createdAt ?? 0;
    case 'created':
      return (a) => a.created;
    case 'updated':
      return (a) => a.updated;
    case 'status':
      return (a) => sim.store.agentStatus(a.id) ?? -1;
    case 'configtype':
      return (a) => a.configType;
    default:
      return (a) => a.name.toLowerCase();
  }
}

/** A1 `agent/all`: filters, sort, and paging (plain array unless pageIndex AND recordsPerPage). */
function listAll(sim: SimContext, ctx: Ctx): void {
  const pageIndex = intParam(ctx, 'pageIndex');
  const perPage = intParam(ctx, 'recordsPerPage');
  // The status filter takes the integer code or, like some clients send it, the name ("Running").
  const statusName = ctx.query.get('status') ?? '';
  const byName = [...STATUS_NAMES].find(([, n]) => n.toLowerCase() === statusName.toLowerCase())?.[0];
  const status = byName ?? intParam(ctx, 'status');
  const spaceId = intParam(ctx, 'spaceId');
  const configType = intParam(ctx, 'configType');
  const sortOrder = intParam(ctx, 'sortOrder');
  for (const [name, v] of Object.entries({ pageIndex, recordsPerPage: perPage, status, spaceId, configType, sortOrder })) {
    if (v === 'bad') return badQuery(sim, ctx, name, `The value '${ctx.query.get(name) ?? ''}' is not valid for ${name}.`);
  }
  if (typeof pageIndex === 'number' && pageIndex < 1) return badQuery(sim, ctx, 'pageIndex', 'pageIndex must be 1 or greater.');
  if (typeof perPage === 'number' && (perPage < 1 || perPage > 1000)) return badQuery(sim, ctx, 'recordsPerPage', 'recordsPerPage must be between 1 and 1000.');
  const name = (ctx.query.get('name') ?? '').toLowerCase();
  let agents = sim.visibleAgents(ctx.key).filter((a) =>
    (name === '' || a.name.toLowerCase().includes(name)) &&
    (spaceId === undefined || a.spaceId === spaceId) &&
    (configType === undefined || a.configType === configType) &&
    (status === undefined || sim.store.agentStatus(a.id) === status));
  const key = sorter(sim, ctx.query.get('sortColumn') ?? 'name');
  const dir = sortOrder === 1 ? -1 : 1;
  agents = agents.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return (ka < kb ? -1 : ka > kb ? 1 : a.id - b.id) * dir;
  });
  if (typeof pageIndex === 'number' && typeof perPage === 'number') {
    const page = agents.slice((pageIndex - 1) * perPage, pageIndex * perPage).map((a) => sim.wire.agent(a));
    const envelope = sim.wire.variants.envelope;
    sendJson(ctx, 200, { [sim.wire.key(envelope)]: page, [sim.wire.key('totalRecordCount')]: agents.length });
    return;
  }
  sendJson(ctx, 200, agents.map((a) => sim.wire.agent(a)));
}

/** A3 `agent/search?query=&maxRecords=`: name or description, case-insensitive, default 50, max 1000. */
function search(sim: SimContext, ctx: Ctx): void {
  const query = (ctx.query.get('query') ?? '').trim().toLowerCase();
  if (query === '') return badQuery(sim, ctx, 'query', 'The query field is required.');
  const max = intParam(ctx, 'maxRecords');
  if (max === 'bad' || (typeof max === 'number' && (max < 1 || max > 1000))) return badQuery(sim, ctx, 'maxRecords', 'maxRecords must be between 1 and 1000.');
  const hits = sim.visibleAgents(ctx.key)
    .filter((a) => a.name.toLowerCase().includes(query) || (a.description ?? '').toLowerCase().includes(query))
    .slice(0, max ?? 50);
  sendJson(ctx, 200, hits.map((a) => sim.wire.agent(a)));
}

export function agentRoutes(sim: SimContext): RouteDef[] {
  return [
    { method: 'GET', template: '/api/v1/agent/all', handler: (ctx) => listAll(sim, ctx) },
    { method: 'GET', template: '/api/v1/agent/search', handler: (ctx) => search(sim, ctx) },
    {
      method: 'GET', template: '/api/v1/agent/{agentId}', handler: (ctx) => {
        const agent = sim.agentOr404(ctx);
        if (agent) sendJson(ctx, 200, sim.wire.agent(agent));
      },
    },
  ];
}
