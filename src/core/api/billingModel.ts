/**
 * Billing B1–B6 and the records summary N2 (sequentum-api.md §11) as the extension sees them. Money
 * is in credits; times are ISO 8601 UTC strings.
 */

/**
 * One kind of usage. The docs spell them one way in the `usageTypes` filter ("Server Time") and
 * another in B5's answer ("RunUsage"), §11 [CONFLICT]: the client names them itself and maps both
 * spellings (billingWire.ts USAGE_KINDS).
 */
export type UsageKind = 'serverTime' | 'exportCpm' | 'exportGb' | 'agentInputs' | 'proxyData' | 'agentBuilder';

/** A date range. B4–B6 call both dates required (the MCP claims defaults): the client always sends them. */
export interface BillingRange {
  /** ISO instant or date ("2026-11-01"). */
  startDate: string;
  endDate: string;
}

/** B1. */
export interface Credits {
  availableCredits: number;
  organizationId?: number;
  retrievedAt?: string;
}

/** B2. */
export interface Spending {
  totalSpent: number;
  startDate?: string;
  endDate?: string;
  currentBalance?: number;
}

/** One B3 row. `type`: Initial, Credit, Debit, Refund, Expiration, Adjustment, WriteOff, or what the server sent. */
export interface CreditTransaction {
  id: number;
  type: string;
  amount: number;
  balance?: number;
  created?: string;
  expiresAt?: string;
  message?: string;
}

export interface CreditHistoryPage {
  transactions: CreditTransaction[];
  total?: number;
}

export interface PageQuery {
  /** 1-based, default 1. */
  pageIndex?: number;
  /** Default 50 (B3 at most 100, B4/B6 at most 1000). */
  recordsPerPage?: number;
  sortOrder?: 'ascending' | 'descending';
}

/** B4 query. */
export interface AgentCostQuery extends BillingRange, PageQuery {
  sortColumn?: 'name' | 'cost';
  /** Agent name contains. */
  name?: string;
  /** Only these kinds; default all. */
  usage?: UsageKind[];
}

export interface AgentCost {
  agentId: number;
  agentName?: string;
  cost: number;
  spaceId?: number | null;
}

/** B4 answer. */
export interface AgentCostPage {
  agents: AgentCost[];
  total?: number;
  totalCost?: number;
}

/** B5 query. */
export interface AgentCostSeriesQuery extends BillingRange {
  /** Default 'day'. */
  timeUnit?: 'day' | 'month';
  usage?: UsageKind[];
}

/** One usage type of B5: its cost per label. */
export interface UsageSeries {
  /** undefined when the server named a type the client does not know (`type` keeps its name). */
  kind?: UsageKind;
  /** As the server spelled it. */
  type: string;
  /** Cost per label, same length as the answer's labels. */
  data: number[];
  totalCost: number;
}

/** B5 answer: an agent's cost over time. */
export interface AgentCostSeries {
  agentId: number;
  agentName?: string;
  /** "2026-11-30" (day) or "2026-11" (month). */
  labels: string[];
  usage: UsageSeries[];
  totalCost: number;
}

/** B6 query. Default order: newest first. */
export interface RunCostQuery extends BillingRange, PageQuery {
  sortColumn?: 'date' | 'cost' | 'duration';
}

export interface RunCost {
  runId: number;
  cost: number;
  date?: string;
  startTime?: string;
  endTime?: string;
  billingType?: string;
}

/** B6 answer. */
export interface RunCostPage {
  runs: RunCost[];
  /** Runs in the whole range. */
  total?: number;
  /**
   * Sum of this page's costs. The server's `totalCost` is documented as the sum of the page only
   * (§11 B6), so the client never reads it as the range's total; it adds the rows itself.
   */
  pageCost: number;
}

/** N2 query: default range today (server side). */
export interface RecordsSummaryQuery extends Partial<BillingRange> {
  agentId?: number;
}

/** N2. */
export interface RecordsSummary {
  totalRecordsExtracted: number;
  totalRecordsExported: number;
  totalErrors: number;
  totalPageLoads: number;
  runCount: number;
  agentId?: number;
}
