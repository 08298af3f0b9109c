import type {
  AgentCostPage, AgentCostQuery, AgentCostSeries, AgentCostSeriesQuery, CreditHistoryPage, Credits, PageQuery, RecordsSummary, RecordsSummaryQuery, RunCostPage, RunCostQuery, Spending,
} from './billingModel';
import { parseAgentCosts, parseAgentCostSeries, parseCreditHistory, parseCredits, parseRecordsSummary, parseRunCosts, parseSpending, usageFilter } from './billingWire';
import type { RequestPipeline } from './requestPipeline';
import type { RequestOptions } from './sequentumApi';

type Params = Record<string, string | number | undefined>;

function query(params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

function paging(q: PageQuery): Params {
  return { pageIndex: q.pageIndex ?? 1, recordsPerPage: q.recordsPerPage ?? 50, sortOrder: q.sortOrder === undefined ? undefined : q.sortOrder === 'descending' ? 1 : 0 };
}

/**
 * Billing B1–B6 and the records summary N2 (§11) over the request pipeline — all GETs, so retried
 * like any read; callers name the lane (the status bar and the tree's cost column use 'background').
 * B4–B6 always send both dates: the API docs call them required, the MCP docs give defaults.
 */
export class BillingEndpoints {
  constructor(private readonly pipeline: RequestPipeline, private readonly id: (value: number) => string) {}

  credits(options?: RequestOptions): Promise<Credits> {
    return this.pipeline.getJson('/billing/credits', parseCredits, options);
  }

  /** B2; without a range the server's default (start of the week … now). */
  spending(range?: { startDate: string; endDate: string }, options?: RequestOptions): Promise<Spending> {
    return this.pipeline.getJson(`/billing/spending${query({ ...range })}`, parseSpending, options);
  }

  history(q: PageQuery = {}, options?: RequestOptions): Promise<CreditHistoryPage> {
    return this.pipeline.getJson(`/billing/history${query(paging(q))}`, parseCreditHistory, options);
  }

  agentCosts(q: AgentCostQuery, options?: RequestOptions): Promise<AgentCostPage> {
    const params = { startDate: q.startDate, endDate: q.endDate, ...paging(q), sortColumn: q.sortColumn, name: q.name, usageTypes: q.usage ? usageFilter(q.usage) : undefined };
    return this.pipeline.getJson(`/billing/agents${query(params)}`, parseAgentCosts, options);
  }

  agentCostSeries(agentId: number, q: AgentCostSeriesQuery, options?: RequestOptions): Promise<AgentCostSeries> {
    const params = { startDate: q.startDate, endDate: q.endDate, timeUnit: q.timeUnit ?? 'day', usageTypes: q.usage ? usageFilter(q.usage) : undefined };
    return this.pipeline.getJson(`/billing/agents/${this.id(agentId)}${query(params)}`, (json, where) => parseAgentCostSeries(json, where, agentId), options);
  }

  runCosts(agentId: number, q: RunCostQuery, options?: RequestOptions): Promise<RunCostPage> {
    const params = { startDate: q.startDate, endDate: q.endDate, ...paging(q), sortColumn: q.sortColumn };
    return this.pipeline.getJson(`/billing/agents/${this.id(agentId)}/runs${query(params)}`, parseRunCosts, options);
  }

  recordsSummary(q: RecordsSummaryQuery = {}, options?: RequestOptions): Promise<RecordsSummary> {
    return this.pipeline.getJson(`/analytics/records/summary${query({ startDate: q.startDate, endDate: q.endDate, agentId: q.agentId })}`, parseRecordsSummary, options);
  }
}
