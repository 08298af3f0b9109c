import type { SimContext } from '../context';
import { bump } from '../context';
import { notFound } from '../errors';
import { sendJson, type Ctx, type RouteDef } from '../http';
import { IN_FLIGHT, STATUS_NAMES, type SimAgent, type SimRun } from '../types';
import { validateStart } from './startValidation';

/** The run named by the route, belonging to the route's agent; undefined after answering 404/403. */
export function runOr404(sim: SimContext, ctx: Ctx): { agent: SimAgent; run: SimRun } | undefined {
  const agent = sim.agentOr404(ctx);
  if (!agent) return undefined;
  const id = ctx.params.runId ?? '';
  const run = sim.store.runs.get(Number(id));
  if (!run || run.agentId !== agent.id) {
    sim.problem(ctx, notFound('run', id));
    return undefined;
  }
  return { agent, run };
}

export function parseJsonBody(sim: SimContext, ctx: Ctx): Record<string, unknown> | undefined {
  if (ctx.rawBody.trim() === '') return {};
  try {
    const body: unknown = JSON.parse(ctx.rawBody);
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // answered below
  }
  sim.problem(ctx, {
    status: 400, type: 'validation-failed', title: 'One or more validation errors occurred.', detail: 'The request body must be a JSON object.',
    fieldErrors: [{ field: '$', pointer: '', detail: 'The request body must be a JSON object.' }],
  });
  return undefined;
}

async function start(sim: SimContext, ctx: Ctx): Promise<void> {
  const agent = sim.agentOr404(ctx);
  if (!agent) return;
  const body = parseJsonBody(sim, ctx);
  if (!body) return;
  const result = validateStart(agent, body);
  if ('errors' in result) {
    sim.problem(ctx, { status: 400, type: 'validation-failed', title: 'One or more validation errors occurred.', detail: 'The start options are not valid.', fieldErrors: result.errors });
    return;
  }
  if (agent.isExclusive) {
    const busy = sim.store.runsOf(agent.id).find((r) => IN_FLIGHT.has(sim.store.stateOf(r).status));
    if (busy) {
      sim.problem(ctx, {
        status: 409, type: 'agent-already-running', title: 'Conflict',
        detail: `Agent '${agent.name}' runs exclusively and run ${busy.id} is still ${STATUS_NAMES.get(sim.store.stateOf(busy).status) ?? 'active'}.`,
      });
      return;
    }
  }
  const opts = result.ok;
  const run = sim.store.createRun(agent, opts);
  bump(sim.counters.runsCreatedPerAgent, agent.id);
  if (opts.isRunSynchronously) return startSync(sim, ctx, run, opts.timeout);
  const location = `/api/v1/agent/${agent.id}/run/${run.id}/status`;
  sendJson(ctx, sim.startStatus, sim.wire.run(run), sim.startStatus === 202 ? { Location: location } : {});
}

/** Synchronous start: block until the run ends (records inline) or the timeout (in run seconds) passes. */
async function startSync(sim: SimContext, ctx: Ctx, run: SimRun, timeoutSec: number): Promise<void> {
  const deadline = run.createdAt + (timeoutSec * 1000) / Math.max(1, sim.clock.timeScale);
  while (run.final === undefined && sim.clock.now() < deadline && !ctx.res.destroyed) {
    await new Promise((r) => setTimeout(r, 5));
    sim.store.stateOf(run);
  }
  if (run.final === undefined) {
    sim.problem(ctx, { status: 504, type: 'run-timeout', title: 'Gateway Timeout', detail: 'Timeout waiting for agent to complete' });
    return;
  }
  const json = sim.store.filesOf(run.id).find((f) => f.kind === 'json');
  const records: unknown = json ? JSON.parse(sim.store.contentOf(json).toString('utf8')) : [];
  sendJson(ctx, 200, records);
}

function intQuery(ctx: Ctx, name: string, fallback: number): number | undefined {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : undefined;
}

export function runRoutes(sim: SimContext): RouteDef[] {
  const base = '/api/v1/agent/{agentId}';
  return [
    { method: 'POST', template: `${base}/start`, handler: (ctx) => start(sim, ctx) },
    {
      method: 'GET', template: `${base}/runs`, handler: (ctx) => {
        const agent = sim.agentOr404(ctx);
        if (!agent) return;
        const max = intQuery(ctx, 'maxRecords', 50);
        if (max === undefined || max < 1 || max > 1000) {
          const detail = 'maxRecords must be between 1 and 1000.';
          return sim.problem(ctx, { status: 400, type: 'validation-failed', title: 'One or more validation errors occurred.', detail, fieldErrors: [{ field: 'maxRecords', pointer: '/maxRecords', detail }] });
        }
        sendJson(ctx, 200, sim.store.runsOf(agent.id).slice(0, max).map((r) => sim.wire.run(r)));
      },
    },
    {
      method: 'GET', template: `${base}/run/{runId}/status`, handler: (ctx) => {
        const found = runOr404(sim, ctx);
        if (found) sendJson(ctx, 200, sim.wire.run(found.run));
      },
    },
    {
      method: 'POST', template: `${base}/run/{runId}/stop`, handler: (ctx) => {
        const found = runOr404(sim, ctx);
        if (!found) return;
        if (!sim.store.stop(found.run)) return notActive(sim, ctx, found.run);
        sendJson(ctx, 200, { message: 'The agent was successfully stopped' });
      },
    },
    {
      method: 'POST', template: `${base}/run/{runId}/kill`, handler: (ctx) => {
        const found = runOr404(sim, ctx);
        if (!found) return;
        if (!sim.store.kill(found.run)) return notActive(sim, ctx, found.run);
        sendJson(ctx, 200, { message: 'The agent was successfully stopped' });
      },
    },
  ];
}

function notActive(sim: SimContext, ctx: Ctx, run: SimRun): void {
  const status = STATUS_NAMES.get(sim.store.stateOf(run).status) ?? 'finished';
  sim.problem(ctx, { status: 409, type: 'run-not-active', title: 'Conflict', detail: `Run ${run.id} is not active (status ${status}).` });
}
