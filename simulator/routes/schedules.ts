import type { SimContext } from '../context';
import { sendJson, writeResponse, type Ctx, type RouteDef } from '../http';
import type { SimSchedule } from '../schedules';
import { validateSchedule, type ScheduleFields } from '../scheduleValidation';
import { parseJsonBody } from './runs';

function scheduleOr404(sim: SimContext, ctx: Ctx): SimSchedule | undefined {
  const agent = sim.agentOr404(ctx);
  if (!agent) return undefined;
  const id = ctx.params.scheduleId ?? '';
  const schedule = sim.store.schedules.byId.get(Number(id));
  if (!schedule || schedule.agentId !== agent.id) {
    sim.problem(ctx, { status: 404, type: 'schedule-not-found', title: 'Schedule not found', detail: `No schedule with id ${id} exists for agent ${agent.id}.` });
    return undefined;
  }
  return schedule;
}

/** Validates a create/update body; answers 400/422 with field errors and returns undefined when it is refused. */
function validBody(sim: SimContext, ctx: Ctx, current?: ScheduleFields): ScheduleFields | undefined {
  const body = parseJsonBody(sim, ctx);
  if (!body) return undefined;
  const result = validateSchedule(body, sim.clock.now(), sim.wire.variants.schedulePeriodBase, current);
  if ('ok' in result) return result.ok;
  const title = 'One or more validation errors occurred.';
  sim.problem(ctx, { status: result.status, type: 'validation-failed', title, detail: 'The schedule is not valid.', fieldErrors: result.errors });
  return undefined;
}

/** Enable/disable answer (undocumented): nothing, a message, or the schedule — a wire variant. */
function actionAnswer(sim: SimContext, ctx: Ctx, schedule: SimSchedule, message: string): void {
  switch (sim.wire.variants.scheduleActionBody) {
    case 'empty':
      return writeResponse(ctx, 204, {}, Buffer.alloc(0));
    case 'message':
      return sendJson(ctx, 200, { message });
    case 'schedule':
      return sendJson(ctx, 200, sim.wire.schedule(schedule));
  }
}

export function dateQuery(ctx: Ctx, name: string, fallback: number): number | undefined {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return fallback;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(raw) || /[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`);
  return Number.isFinite(ms) ? ms : undefined;
}

/** S1–S8 (§10). Every due fire has become a run before any handler runs (server.ts settles first). */
export function scheduleRoutes(sim: SimContext): RouteDef[] {
  const base = '/api/v1/agent/{agentId}/schedules';
  const book = sim.store.schedules;
  return [
    {
      method: 'GET', template: base, handler: (ctx) => {
        const agent = sim.agentOr404(ctx);
        if (agent) sendJson(ctx, 200, book.ofAgent(agent.id).map((s) => sim.wire.schedule(s)));
      },
    },
    {
      method: 'POST', template: base, handler: (ctx) => {
        const agent = sim.agentOr404(ctx);
        if (!agent) return;
        const fields = validBody(sim, ctx);
        if (fields) sendJson(ctx, 201, sim.wire.schedule(book.add(agent.id, fields)));
      },
    },
    {
      method: 'GET', template: `${base}/{scheduleId}`, handler: (ctx) => {
        const schedule = scheduleOr404(sim, ctx);
        if (schedule) sendJson(ctx, 200, sim.wire.schedule(schedule));
      },
    },
    {
      method: 'PUT', template: `${base}/{scheduleId}`, handler: (ctx) => {
        const schedule = scheduleOr404(sim, ctx);
        if (!schedule) return;
        // Partial bodies are merged over the current schedule (Sequentum's MCP sends only what changed).
        const fields = validBody(sim, ctx, schedule);
        if (fields) sendJson(ctx, 200, sim.wire.schedule(book.update(schedule, fields)));
      },
    },
    {
      method: 'DELETE', template: `${base}/{scheduleId}`, handler: (ctx) => {
        const schedule = scheduleOr404(sim, ctx);
        if (!schedule) return;
        book.byId.delete(schedule.id);
        writeResponse(ctx, 204, {}, Buffer.alloc(0));
      },
    },
    ...(['enable', 'disable'] as const).map((action): RouteDef => ({
      method: 'POST', template: `${base}/{scheduleId}/${action}`, handler: (ctx) => {
        const schedule = scheduleOr404(sim, ctx);
        if (!schedule) return;
        book.setEnabled(schedule, action === 'enable');
        actionAnswer(sim, ctx, schedule, action === 'enable' ? 'The schedule was enabled' : 'The schedule was disabled');
      },
    })),
    {
      method: 'GET', template: '/api/v1/analytics/schedules/upcoming', handler: (ctx) => {
        const now = sim.clock.now();
        const from = dateQuery(ctx, 'startDate', now);
        const to = dateQuery(ctx, 'endDate', now + 7 * 86_400_000);
        if (from === undefined || to === undefined || to < from) {
          const detail = 'startDate and endDate must be ISO 8601 dates, startDate not after endDate.';
          return sim.problem(ctx, { status: 400, type: 'validation-failed', title: 'One or more validation errors occurred.', detail, fieldErrors: [{ field: 'endDate', pointer: '/endDate', detail }] });
        }
        const rows = [...book.byId.values()]
          .filter((s) => s.isEnabled && s.nextRunAt !== null && s.nextRunAt >= from && s.nextRunAt <= to && sim.canSee(ctx.key, sim.store.agents.get(s.agentId)?.spaceId ?? null))
          .sort((a, b) => (a.nextRunAt ?? 0) - (b.nextRunAt ?? 0));
        sendJson(ctx, 200, rows.map((s) => sim.wire.upcoming(s)));
      },
    },
  ];
}
