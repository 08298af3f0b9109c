import { BillingBook, round4, selectedTypes, USAGE_TYPES, type BilledRun, type UsageType } from '../billing';
import { iso } from '../clock';
import type { SimContext } from '../context';
import { sendJson, type Ctx, type RouteDef } from '../http';

const DAY_MS = 86_400_000;

/** Start of the clock's current week (Monday 00:00 UTC): B2's default start. */
function startOfWeek(now: number): number {
  const day = new Date(now);
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  return midnight - ((day.getUTCDay() + 6) % 7) * DAY_MS;
}

/** "2026-11-30" (a whole day: as an end, inclusive) or any ISO instant; undefined when unreadable. */
function parseDate(text: string, asEnd: boolean): number | undefined {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
  const ms = Date.parse(dateOnly ? `${text.trim()}T00:00:00Z` : text);
  if (Number.isNaN(ms)) return undefined;
  return dateOnly && asEnd ? ms + DAY_MS - 1 : ms;
}

interface Range { start: number; end: number }

/**
 * The date range of a billing request. B4–B6 call both dates required (the docs; the MCP claims
 * defaults, §11 [CONFLICT]): without them the simulator answers 400 as the API docs say.
 */
function rangeOr400(sim: SimContext, ctx: Ctx, required: boolean): Range | undefined {
  const now = sim.clock.now();
  const errors: Array<{ field: string; pointer: string; detail: string }> = [];
  const read = (name: 'startDate' | 'endDate', fallback: number): number => {
    const raw = ctx.query.get(name);
    if (raw === null || raw.trim() === '') {
      if (required) errors.push({ field: name, pointer: `/${name}`, detail: `The ${name} field is required.` });
      return fallback;
    }
    const ms = parseDate(raw, name === 'endDate');
    if (ms === undefined) errors.push({ field: name, pointer: `/${name}`, detail: `The value '${raw}' is not a valid date.` });
    return ms ?? fallback;
  };
  const range = { start: read('startDate', startOfWeek(now)), end: read('endDate', now) };
  if (errors.length === 0 && range.end < range.start) errors.push({ field: 'endDate', pointer: '/endDate', detail: 'endDate must not be before startDate.' });
  if (errors.length > 0) {
    sim.problem(ctx, { status: 400, type: 'validation-failed', title: 'One or more validation errors occurred.', detail: 'The date range is not valid.', fieldErrors: errors });
    return undefined;
  }
  return range;
}

/** pageIndex (1-based, default 1) and recordsPerPage (default 50, at most `max`); undefined after 400. */
function pagingOr400(sim: SimContext, ctx: Ctx, max: number): { index: number; size: number } | undefined {
  const index = Number(ctx.query.get('pageIndex') ?? '1');
  const size = Number(ctx.query.get('recordsPerPage') ?? '50');
  if (!Number.isInteger(index) || index < 1 || !Number.isInteger(size) || size < 1 || size > max) {
    sim.problem(ctx, { status: 400, type: 'validation-failed', title: 'Bad Request', detail: `pageIndex must be ≥ 1 and recordsPerPage between 1 and ${max}.` });
    return undefined;
  }
  return { index, size };
}

function typesOr400(sim: SimContext, ctx: Ctx): Set<UsageType> | undefined {
  const types = selectedTypes(ctx.query.get('usageTypes'));
  if (types === 'invalid') {
    sim.problem(ctx, { status: 400, type: 'validation-failed', title: 'Bad Request', detail: `usageTypes takes a comma list of: ${USAGE_TYPES.map((t) => t.label).join(', ')}.` });
    return undefined;
  }
  return types;
}

const inRange = (b: BilledRun, r: Range): boolean => b.at >= r.start && b.at <= r.end;

/** ISO day ("2026-11-30") or month ("2026-11") label of an instant. */
function label(ms: number, unit: 'day' | 'month'): string {
  return iso(ms).slice(0, unit === 'day' ? 10 : 7);
}

function labelsBetween(range: Range, unit: 'day' | 'month'): string[] {
  const labels: string[] = [];
  const first = new Date(range.start);
  let t = unit === 'day' ? Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate()) : Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1);
  while (t <= range.end && labels.length < 1000) {
    labels.push(label(t, unit));
    const d = new Date(t);
    t = unit === 'day' ? t + DAY_MS : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return labels;
}

/** B1–B6 (§11). Every route answers 403 insufficient_scope to a key without billing access. */
export function billingRoutes(sim: SimContext): RouteDef[] {
  const book = sim.billing;
  const allowed = (ctx: Ctx): boolean => {
    if (ctx.key === undefined || !book.deniedKeys.has(ctx.key)) return true;
    sim.problem(ctx, {
      status: 403, type: 'insufficient-scope', title: 'Forbidden', errorCode: 'insufficient_scope',
      detail: 'This API key has no access to billing (billing:read).', headers: { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="billing:read"' },
    });
    return false;
  };
  const visibleIds = (ctx: Ctx): Set<number> => new Set(sim.visibleAgents(ctx.key).map((a) => a.id));
  const shape = (body: Record<string, unknown>): Record<string, unknown> => sim.wire.shape(body);
  const typeName = (type: UsageType): string => (sim.wire.variants.billingTypeNames === 'labels' ? (USAGE_TYPES.find((t) => t.internal === type)?.label ?? type) : type);

  return [
    {
      method: 'GET', template: '/api/v1/billing/credits', handler: (ctx) => {
        if (allowed(ctx)) sendJson(ctx, 200, shape({ availableCredits: book.available(), organizationId: 1, retrievedAt: iso(sim.clock.now()) }));
      },
    },
    {
      method: 'GET', template: '/api/v1/billing/spending', handler: (ctx) => {
        if (!allowed(ctx)) return;
        const range = rangeOr400(sim, ctx, false);
        if (!range) return;
        const spent = book.billedRuns().filter((b) => inRange(b, range)).reduce((sum, b) => sum + b.cost, 0);
        sendJson(ctx, 200, shape({ totalSpent: round4(spent), startDate: iso(range.start), endDate: iso(range.end), organizationId: 1, currentBalance: book.available() }));
      },
    },
    {
      method: 'GET', template: '/api/v1/billing/history', handler: (ctx) => {
        if (!allowed(ctx)) return;
        const paging = pagingOr400(sim, ctx, 100);
        if (paging) sendJson(ctx, 200, shape(historyPage(sim, book, paging)));
      },
    },
    {
      method: 'GET', template: '/api/v1/billing/agents', handler: (ctx) => {
        if (!allowed(ctx)) return;
        const range = rangeOr400(sim, ctx, true);
        const paging = range && pagingOr400(sim, ctx, 1000);
        const types = paging && typesOr400(sim, ctx);
        if (!range || !paging || !types) return;
        const name = (ctx.query.get('name') ?? '').toLowerCase();
        const costs = new Map<number, number>();
        for (const b of book.billedRuns(visibleIds(ctx))) if (inRange(b, range)) costs.set(b.run.agentId, (costs.get(b.run.agentId) ?? 0) + BillingBook.costOf(b, types));
        const rows = sim.visibleAgents(ctx.key).filter((a) => costs.has(a.id) && a.name.toLowerCase().includes(name))
          .map((a) => ({ agentId: a.id, agentName: a.name, cost: round4(costs.get(a.id) ?? 0), spaceId: a.spaceId }));
        const byCost = ctx.query.get('sortColumn')?.toLowerCase() === 'cost';
        rows.sort((x, y) => (byCost ? x.cost - y.cost : x.agentName.localeCompare(y.agentName)) || x.agentId - y.agentId);
        if (ctx.query.get('sortOrder') === '1') rows.reverse();
        const page = rows.slice((paging.index - 1) * paging.size, paging.index * paging.size).map(shape);
        sendJson(ctx, 200, shape({ agents: page, totalRecordCount: rows.length, totalCost: round4(rows.reduce((s, r) => s + r.cost, 0)), startDate: iso(range.start), endDate: iso(range.end) }));
      },
    },
    {
      method: 'GET', template: '/api/v1/billing/agents/{agentId}', handler: (ctx) => {
        if (!allowed(ctx)) return;
        const agent = sim.agentOr404(ctx);
        const range = agent && rangeOr400(sim, ctx, true);
        const types = range && typesOr400(sim, ctx);
        if (!agent || !range || !types) return;
        const unit = ctx.query.get('timeUnit')?.toLowerCase() === 'month' ? 'month' : 'day';
        const labels = labelsBetween(range, unit);
        const billed = book.billedRuns(new Set([agent.id])).filter((b) => inRange(b, range));
        const series = USAGE_TYPES.filter((t) => types.has(t.internal)).map((t) => {
          const data = labels.map((l) => round4(billed.filter((b) => label(b.at, unit) === l).reduce((s, b) => s + b.usage[t.internal], 0)));
          return { type: typeName(t.internal), data, totalCost: round4(data.reduce((s, v) => s + v, 0)) };
        });
        sendJson(ctx, 200, shape({
          agentId: agent.id, agentName: agent.name, labels, usageTypes: series.map(shape),
          totalCost: round4(series.reduce((s, u) => s + u.totalCost, 0)), startDate: iso(range.start), endDate: iso(range.end),
        }));
      },
    },
    {
      method: 'GET', template: '/api/v1/billing/agents/{agentId}/runs', handler: (ctx) => {
        if (!allowed(ctx)) return;
        const agent = sim.agentOr404(ctx);
        const range = agent && rangeOr400(sim, ctx, true);
        const paging = range && pagingOr400(sim, ctx, 1000);
        if (!agent || !range || !paging) return;
        const rows = book.billedRuns(new Set([agent.id])).filter((b) => inRange(b, range));
        const column = ctx.query.get('sortColumn')?.toLowerCase() ?? 'date';
        const key = (b: BilledRun): number => (column === 'cost' ? b.cost : column === 'duration' ? b.run.simSeconds : b.at);
        rows.sort((x, y) => key(x) - key(y) || x.run.id - y.run.id);
        // Default order: newest first, like the runs list.
        if ((ctx.query.get('sortOrder') ?? '1') === '1') rows.reverse();
        const page = rows.slice((paging.index - 1) * paging.size, paging.index * paging.size);
        sendJson(ctx, 200, shape({
          runs: page.map((b) => shape({ runId: b.run.id, date: iso(b.at), startTime: iso(b.run.createdAt), endTime: iso(b.at), cost: b.cost, billingType: 'RunUsage' })),
          totalRecordCount: rows.length,
          // As documented: the sum of this page only (§11 B6), not of the whole range.
          totalCost: round4(page.reduce((s, b) => s + b.cost, 0)),
          agentId: agent.id, agentName: agent.name,
        }));
      },
    },
  ];
}

/** B3: the Initial grant, then one Debit per UTC day with spending; newest first. */
function historyPage(sim: SimContext, book: BillingBook, paging: { index: number; size: number }): Record<string, unknown> {
  const grantAt = sim.clock.now() - book.grantAgeMs;
  const perDay = new Map<string, { at: number; amount: number }>();
  for (const b of book.billedRuns()) {
    const day = label(b.at, 'day');
    const entry = perDay.get(day) ?? { at: b.at, amount: 0 };
    entry.amount += b.cost;
    entry.at = Math.max(entry.at, b.at);
    perDay.set(day, entry);
  }
  let balance = book.grant;
  const rows: Array<Record<string, unknown>> = [{ id: 1, transactionType: 'Initial', amount: book.grant, balance, created: iso(grantAt), expiresAt: iso(grantAt + 365 * DAY_MS), message: 'Initial credit grant' }];
  [...perDay.entries()].sort((a, b) => a[1].at - b[1].at).forEach(([day, { at, amount }], i) => {
    balance = round4(balance - amount);
    rows.push({ id: i + 2, transactionType: 'Debit', amount: -round4(amount), balance: Math.max(0, balance), created: iso(at), expiresAt: null, message: `Usage on ${day}` });
  });
  rows.reverse();
  const page = rows.slice((paging.index - 1) * paging.size, paging.index * paging.size).map((r) => sim.wire.shape(r));
  return { transactions: page, totalCount: rows.length, pageIndex: paging.index, recordsPerPage: paging.size };
}
