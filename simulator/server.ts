import type { IncomingMessage, ServerResponse } from 'node:http';
import { bump, type SimContext } from './context';
import { sendProblem } from './errors';
import type { ActiveRule } from './faults';
import { startForeignRun } from './foreignStarts';
import { matchRoute, readBody, writeResponse, type Ctx, type RouteDef } from './http';
import { agentRoutes } from './routes/agents';
import { analyticsRoutes } from './routes/analytics';
import { billingRoutes } from './routes/billing';
import { fileRoutes } from './routes/files';
import { runActionRoutes } from './routes/runActions';
import { runRoutes } from './routes/runs';
import { runsSummaryRoutes } from './routes/runsSummary';
import { scheduleRoutes } from './routes/schedules';
import { spaceRoutes } from './routes/spaces';

export function allRoutes(sim: SimContext): RouteDef[] {
  return [...agentRoutes(sim), ...spaceRoutes(sim), ...runRoutes(sim), ...fileRoutes(sim), ...analyticsRoutes(sim), ...scheduleRoutes(sim), ...runsSummaryRoutes(sim), ...billingRoutes(sim), ...runActionRoutes(sim)];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function parseKey(header: string | undefined): string | undefined {
  const m = /^ApiKey\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}

function tooMany(sim: SimContext, ctx: Ctx, retryAfter: number): void {
  bump(sim.counters.rateLimitedPerKey, ctx.key ?? '(none)');
  sim.problem(ctx, {
    status: 429, type: 'rate-limited', title: 'Too Many Requests',
    detail: `Rate limit of ${sim.limiter.limit} requests per ${sim.limiter.windowSeconds} seconds exceeded. Retry after ${retryAfter} seconds.`,
    headers: { 'Retry-After': String(retryAfter) },
  });
}

/** Applies a request-stage fault. Returns true when the request is finished (answered or dropped). */
async function applyFault(sim: SimContext, ctx: Ctx, fault: ActiveRule): Promise<boolean> {
  switch (fault.kind) {
    case 'latency':
      await sleep(fault.latencyMs ?? 1000);
      return ctx.res.destroyed;
    case 'hang':
      ctx.done = true; // never answer: the client's timeout (or close()) ends it
      return true;
    case 'reset':
      ctx.done = true;
      ctx.req.socket.destroy();
      return true;
    case 'status': {
      const status = fault.status ?? 500;
      const titles: Record<number, string> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };
      sendProblem(ctx, sim.shapes, { status, type: 'server-error', title: titles[status] ?? 'Server Error', detail: 'Injected fault.', headers: fault.headers }, fault.shape);
      return true;
    }
    case 'rateLimit':
      tooMany(sim, ctx, fault.retryAfterSeconds ?? 1);
      return true;
    case 'hostile': {
      const body = fault.bodyBase64 !== undefined ? Buffer.from(fault.bodyBase64, 'base64') : Buffer.from(fault.body ?? '');
      const headers: Record<string, string> = { ...(fault.headers ?? {}) };
      if (fault.contentType) headers['Content-Type'] = fault.contentType;
      writeResponse(ctx, fault.status ?? 200, headers, body);
      return true;
    }
    case 'truncate':
      ctx.responseFault = 'truncate';
      return false;
    case 'commitThenDrop':
      ctx.responseFault = 'drop';
      return false;
    case 'commitThenHang':
      ctx.responseFault = 'hang';
      return false;
  }
}

/**
 * The /api/v1 pipeline: rate-limit headers → route → auth (401) → counters → per-key limiter
 * (queue, then 429) → fault injection → handler. Unexpected exceptions become a 500 problem.
 */
export async function handleApi(sim: SimContext, routes: RouteDef[], req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const ctx: Ctx = { req, res, method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, params: {}, route: '', rawBody: '', done: false };
  res.setHeader('X-RateLimit-Limit', String(sim.limiter.limit));
  res.setHeader('X-RateLimit-Window-Seconds', String(sim.limiter.windowSeconds));
  try {
    const match = matchRoute(routes, ctx.method, ctx.path);
    if (match && 'route' in match) {
      ctx.route = match.route.template;
      ctx.params = match.params;
    }
    ctx.key = parseKey(req.headers.authorization);
    bump(sim.counters.requestsPerKey, ctx.key ?? '(none)');
    bump(sim.counters.requestsPerRoute, `${ctx.method} ${ctx.route || '(unmatched)'}`);
    if (ctx.key === undefined || !sim.keys.has(ctx.key)) {
      sim.problem(ctx, {
        status: 401, type: 'unauthorized', title: 'Unauthorized',
        detail: ctx.key === undefined ? 'Missing Authorization header: expected "ApiKey <key>".' : 'The API key is invalid, expired or revoked.',
        headers: { 'WWW-Authenticate': 'ApiKey' },
      });
      return;
    }
    if (ctx.route.endsWith('/start') && ctx.method === 'POST') bump(sim.counters.startPostsPerAgent, ctx.params.agentId ?? '?');
    const window = sim.limiter.snapshot(ctx.key);
    if (window.queued > 0 || window.inWindow >= sim.limiter.limit) bump(sim.counters.overLimitPerKey, ctx.key);
    const retryAfter = await sim.limiter.admit(ctx.key, (cancel) => res.on('close', () => !res.writableEnded && cancel()));
    if (res.destroyed) return;
    if (retryAfter !== null) return tooMany(sim, ctx, retryAfter);
    const fault = sim.faults.pick(ctx.method, ctx.route, ctx.path);
    const foreign = fault?.foreignStart && ctx.route.endsWith('/start') ? fault.foreignStart : undefined;
    const startForeign = (when: 'before' | 'after'): void => {
      const agentId = Number(ctx.params.agentId);
      if (foreign?.when === when && sim.store.agents.has(agentId)) startForeignRun(sim, agentId, foreign);
    };
    startForeign('before');
    try {
      if (fault && (await applyFault(sim, ctx, fault))) return;
      await handleRoute(sim, ctx, match, req);
    } finally {
      startForeign('after');
    }
  } catch (err) {
    if (!ctx.done && !res.headersSent) {
      sim.problem(ctx, { status: 500, type: 'internal-error', title: 'Internal Server Error', detail: err instanceof Error ? err.message : String(err) });
    }
  }
}

/** The matched route's handler, or 404 / 405 when nothing matched. */
async function handleRoute(sim: SimContext, ctx: Ctx, match: ReturnType<typeof matchRoute>, req: IncomingMessage): Promise<void> {
  if (!match) {
    sim.problem(ctx, { status: 404, type: 'not-found', title: 'Not Found', detail: `No API route ${ctx.method} ${ctx.path}.` });
    return;
  }
  if (!('route' in match)) {
    sim.problem(ctx, { status: 405, type: 'method-not-allowed', title: 'Method Not Allowed', headers: { Allow: match.allowed.join(', ') } });
    return;
  }
  if (ctx.method === 'POST' || ctx.method === 'PUT') ctx.rawBody = await readBody(req);
  // Schedules fire on the clock: every fire due by now is a run before anything is answered.
  sim.store.schedules.settle();
  await match.route.handler(ctx);
}
