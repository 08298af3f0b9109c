import type { SimContext } from '../context';
import { bump } from '../context';
import { iso } from '../clock';
import { notFound } from '../errors';
import { sendEmpty, sendJson, type Ctx, type RouteDef } from '../http';
import { IN_FLIGHT, STATUS_NAMES, type SimAgent } from '../types';
import { parseJsonBody, runOr404 } from './runs';

const REMOVE_METHODS = ['RemoveEntireRun', 'RemoveAllFiles', 'RemoveAllFilesAndAgentInput'] as const;
type RemoveMethod = (typeof REMOVE_METHODS)[number];

/** R7: refused while the run is in flight (409), like the real API refuses status 1, 2, 3, 4, 5, 12. */
function deleteRun(sim: SimContext, ctx: Ctx): void {
  const found = runOr404(sim, ctx);
  if (!found) return;
  const method = ctx.query.get('removeMethod') ?? 'RemoveEntireRun';
  if (!(REMOVE_METHODS as readonly string[]).includes(method)) {
    const detail = `removeMethod must be one of: ${REMOVE_METHODS.join(', ')}.`;
    return sim.problem(ctx, { status: 400, type: 'validation-failed', title: 'One or more validation errors occurred.', detail, fieldErrors: [{ field: 'removeMethod', pointer: '/removeMethod', detail }] });
  }
  const status = sim.store.stateOf(found.run).status;
  if (IN_FLIGHT.has(status)) {
    return sim.problem(ctx, {
      status: 409, type: 'run-in-progress', title: 'Conflict',
      detail: `Run ${found.run.id} is still ${STATUS_NAMES.get(status) ?? 'in progress'}; stop it before deleting it.`,
    });
  }
  sim.store.deleteRun(found.run, method as RemoveMethod);
  sendEmpty(ctx, 204);
}

/** Why run-all cannot start this agent, in the server's words; undefined when it can. */
function refusal(sim: SimContext, agent: SimAgent): string | undefined {
  if (agent.validationStatus === 2) return `Agent '${agent.name}' has an invalid configuration and cannot run.`;
  if (!agent.isActive) return `Agent '${agent.name}' is archived.`;
  if (agent.isExclusive) {
    const busy = sim.store.runsOf(agent.id).find((r) => IN_FLIGHT.has(sim.store.stateOf(r).status));
    if (busy) return `Agent '${agent.name}' runs exclusively and run ${busy.id} is still ${STATUS_NAMES.get(sim.store.stateOf(busy).status) ?? 'active'}.`;
  }
  return undefined;
}

/** P5: starts every agent of the space; one result line per agent (never all-or-nothing). */
function runAll(sim: SimContext, ctx: Ctx): void {
  const space = sim.store.spaces.get(Number(ctx.params.spaceId));
  if (!space) return sim.problem(ctx, notFound('space', ctx.params.spaceId ?? ''));
  if (!sim.canSee(ctx.key, space.id)) return sim.forbidden(ctx, space.id);
  const body = parseJsonBody(sim, ctx);
  if (!body) return;
  const raw = Object.entries(body).find(([k]) => k.toLowerCase() === 'inputparameters')?.[1];
  let inputs: Record<string, unknown> = {};
  if (typeof raw === 'string' && raw.trim() !== '') {
    try {
      inputs = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      const detail = 'InputParameters is not valid JSON text.';
      return sim.problem(ctx, { status: 400, type: 'validation-failed', title: 'One or more validation errors occurred.', detail, fieldErrors: [{ field: 'InputParameters', pointer: '/inputParameters', detail }] });
    }
  }
  const agents = [...sim.store.agents.values()].filter((a) => a.spaceId === space.id).sort((a, b) => a.name.localeCompare(b.name));
  const results = agents.map((agent) => {
    const refused = refusal(sim, agent);
    if (refused) return { agentId: agent.id, agentName: agent.name, success: false, runId: null, errorMessage: refused };
    const declared = Object.fromEntries(Object.entries(inputs).filter(([k]) => k in agent.inputParameters));
    const run = sim.store.createRun(agent, { inputParameters: { ...agent.inputParameters, ...declared } });
    bump(sim.counters.runsCreatedPerAgent, agent.id);
    return { agentId: agent.id, agentName: agent.name, success: true, runId: run.id, errorMessage: null };
  });
  const started = results.filter((r) => r.success).length;
  sendJson(ctx, 200, sim.wire.shape({ spaceId: space.id, spaceName: space.name, totalAgents: agents.length, agentsStarted: started, agentsFailed: agents.length - started, results }));
}

/** R7 delete run, P5 run-all, V1 versions, V2 restore. */
export function runActionRoutes(sim: SimContext): RouteDef[] {
  return [
    { method: 'DELETE', template: '/api/v1/agent/{agentId}/run/{runId}', handler: (ctx) => deleteRun(sim, ctx) },
    { method: 'POST', template: '/api/v1/spaces/{spaceId}/run-all', handler: (ctx) => runAll(sim, ctx) },
    {
      method: 'GET', template: '/api/v1/agent/{agentId}/versions', handler: (ctx) => {
        const agent = sim.agentOr404(ctx);
        if (!agent) return;
        sendJson(ctx, 200, sim.store.versions.of(agent).map((v) => sim.wire.shape({ userName: v.userName, version: v.version, created: iso(v.created), comments: v.comments, fileSize: v.fileSize })));
      },
    },
    {
      method: 'POST', template: '/api/v1/agent/{agentId}/version/{version}/restore', handler: (ctx) => {
        const agent = sim.agentOr404(ctx);
        if (!agent) return;
        const body = parseJsonBody(sim, ctx);
        if (!body) return;
        const comment = Object.entries(body).find(([k]) => k.toLowerCase() === 'content')?.[1];
        const restored = sim.store.versions.restore(agent, Number(ctx.params.version), typeof comment === 'string' ? comment : '');
        if (!restored) return sim.problem(ctx, notFound('version', ctx.params.version ?? ''));
        sendJson(ctx, 200, { message: `Version ${ctx.params.version} restored as version ${restored.version}.` });
      },
    },
  ];
}
