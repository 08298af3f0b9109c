import type {
  AgentCost, AgentCostPage, AgentCostSeries, CreditHistoryPage, CreditTransaction, Credits, RecordsSummary, RunCost, RunCostPage, Spending, UsageKind, UsageSeries,
} from './billingModel';
import { l10n } from '../text/l10n';
import { normaliseServerTime } from './serverTime';
import { asList, asObject, type WireObject } from './wireValues';

/**
 * Tolerant reading of billing (§11). Usage types come in two spellings: the filter's display labels
 * ("Server Time") and the answers' internal names ("RunUsage"); both map to one UsageKind, compared
 * on letters only, case-insensitively.
 */
export const USAGE_KINDS: ReadonlyArray<{ kind: UsageKind; label?: string; internal: string }> = [
  { kind: 'serverTime', label: 'Server Time', internal: 'RunUsage' },
  { kind: 'exportCpm', label: 'Export CPM', internal: 'ExportDataCpm' },
  { kind: 'exportGb', label: 'Export GB', internal: 'ExportDataBandwidth' },
  { kind: 'agentInputs', label: 'Agent Inputs', internal: 'InputCount' },
  { kind: 'proxyData', label: 'Proxy Data', internal: 'ProxyUsage' },
  // Seen in answers only; the filter has no label for it.
  { kind: 'agentBuilder', internal: 'AgentBuilder' },
];

const letters = (text: string): string => text.toLowerCase().replace(/[^a-z]/g, '');

/** The kind of a usage type as either spelling names it; undefined for a name the client does not know. */
export function usageKindOf(name: string): UsageKind | undefined {
  const key = letters(name);
  return USAGE_KINDS.find((u) => letters(u.internal) === key || (u.label !== undefined && letters(u.label) === key) || letters(u.kind) === key)?.kind;
}

/** The `usageTypes` filter text (display labels, comma-separated); kinds without a label are left out. */
export function usageFilter(kinds: readonly UsageKind[]): string {
  return USAGE_KINDS.filter((u) => kinds.includes(u.kind) && u.label !== undefined).map((u) => u.label).join(',');
}

function time(o: WireObject, ...names: string[]): string | undefined {
  const text = o.optionalString(...names);
  return text === undefined || !text.trim() ? undefined : normaliseServerTime(text);
}

function set<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function money(o: WireObject, ...names: string[]): number {
  return o.optionalNumber(...names) ?? 0;
}

export function parseCredits(value: unknown, where: string): Credits {
  const o = asObject(value, where);
  const credits: Credits = { availableCredits: money(o, 'availableCredits', 'credits', 'balance') };
  set(credits, 'organizationId', o.optionalInt('organizationId'));
  set(credits, 'retrievedAt', time(o, 'retrievedAt'));
  return credits;
}

export function parseSpending(value: unknown, where: string): Spending {
  const o = asObject(value, where);
  const spending: Spending = { totalSpent: money(o, 'totalSpent', 'spent', 'total') };
  set(spending, 'startDate', time(o, 'startDate'));
  set(spending, 'endDate', time(o, 'endDate'));
  set(spending, 'currentBalance', o.optionalNumber('currentBalance', 'availableCredits'));
  return spending;
}

function toTransaction(o: WireObject): CreditTransaction {
  const row: CreditTransaction = { id: o.requiredInt('id', 'transactionId'), type: o.optionalString('transactionType', 'type') ?? 'Unknown', amount: money(o, 'amount') };
  set(row, 'balance', o.optionalNumber('balance'));
  set(row, 'created', time(o, 'created', 'date'));
  set(row, 'expiresAt', time(o, 'expiresAt'));
  set(row, 'message', o.optionalString('message', 'description'));
  return row;
}

export function parseCreditHistory(value: unknown, where: string): CreditHistoryPage {
  const { items, total } = asList(value, where, ['transactions', 'items']);
  const page: CreditHistoryPage = { transactions: items.map((item, i) => toTransaction(asObject(item, `${where} item ${i}`))) };
  set(page, 'total', total);
  return page;
}

function toAgentCost(o: WireObject): AgentCost {
  const row: AgentCost = { agentId: o.requiredInt('agentId', 'id', 'configId'), cost: money(o, 'cost', 'totalCost') };
  set(row, 'agentName', o.optionalString('agentName', 'name', 'configName'));
  if (o.has('spaceId')) row.spaceId = o.optionalInt('spaceId') ?? null;
  return row;
}

export function parseAgentCosts(value: unknown, where: string): AgentCostPage {
  const { items, total } = asList(value, where, ['agents', 'items']);
  const page: AgentCostPage = { agents: items.map((item, i) => toAgentCost(asObject(item, `${where} item ${i}`))) };
  set(page, 'total', total);
  if (!Array.isArray(value)) set(page, 'totalCost', asObject(value, where).optionalNumber('totalCost'));
  return page;
}

export function parseAgentCostSeries(value: unknown, where: string, agentId: number): AgentCostSeries {
  const o = asObject(value, where);
  const rawLabels = o.get('labels') ?? [];
  if (!Array.isArray(rawLabels)) throw o.fail('labels should be a list');
  const labels = rawLabels.map((label, k) => {
    if (typeof label === 'string') return label.slice(0, 10);
    if (typeof label === 'number' && Number.isFinite(label)) return String(label);
    throw o.fail(l10n.t('{0} should be a date, got {1}', `labels[${k}]`, typeof label));
  });
  const rawTypes = o.get('usageTypes', 'usage', 'series') ?? [];
  if (!Array.isArray(rawTypes)) throw o.fail('usageTypes should be a list');
  const usage = rawTypes.map((raw, i): UsageSeries => {
    const u = asObject(raw, `${where} usageTypes ${i}`);
    const type = u.optionalString('type', 'usageType', 'name') ?? 'Unknown';
    const rawData = u.get('data', 'values') ?? [];
    if (!Array.isArray(rawData)) throw u.fail('data should be a list');
    // A short or long list is aligned to the labels: missing (or null) costs are 0, extra ones dropped.
    // Anything else that is not a finite number (a word, Infinity from "1e400"-sized digits) is a wire
    // error like any other bad field: a chart of made-up zeros would hide a broken answer.
    const data = labels.map((_, k) => (rawData[k] === undefined || rawData[k] === null ? 0 : u.numberIn(rawData[k], `data[${k}]`)));
    const series: UsageSeries = { type, data, totalCost: u.optionalNumber('totalCost', 'total') ?? data.reduce((a, b) => a + b, 0) };
    set(series, 'kind', usageKindOf(type));
    return series;
  });
  const series: AgentCostSeries = {
    agentId: o.optionalInt('agentId', 'configId') ?? agentId, labels, usage,
    totalCost: o.optionalNumber('totalCost', 'total') ?? usage.reduce((a, u) => a + u.totalCost, 0),
  };
  set(series, 'agentName', o.optionalString('agentName', 'configName'));
  return series;
}

function toRunCost(o: WireObject): RunCost {
  const row: RunCost = { runId: o.requiredInt('runId', 'id'), cost: money(o, 'cost', 'totalCost') };
  set(row, 'date', time(o, 'date'));
  set(row, 'startTime', time(o, 'startTime'));
  set(row, 'endTime', time(o, 'endTime'));
  set(row, 'billingType', o.optionalString('billingType'));
  return row;
}

export function parseRunCosts(value: unknown, where: string): RunCostPage {
  const { items, total } = asList(value, where, ['runs', 'items']);
  const runs = items.map((item, i) => toRunCost(asObject(item, `${where} item ${i}`)));
  // The server's totalCost is this page's sum (§11 B6): the rows are added up instead of trusting a field whose meaning differs by source.
  const page: RunCostPage = { runs, pageCost: Math.round(runs.reduce((sum, r) => sum + r.cost, 0) * 10_000) / 10_000 };
  set(page, 'total', total);
  return page;
}

export function parseRecordsSummary(value: unknown, where: string): RecordsSummary {
  const o = asObject(value, where);
  const summary: RecordsSummary = {
    totalRecordsExtracted: o.optionalNumber('totalRecordsExtracted', 'recordsExtracted') ?? 0,
    totalRecordsExported: o.optionalNumber('totalRecordsExported', 'recordsExported') ?? 0,
    totalErrors: o.optionalNumber('totalErrors', 'errors') ?? 0,
    totalPageLoads: o.optionalNumber('totalPageLoads', 'pageLoads') ?? 0,
    runCount: o.optionalInt('runCount', 'totalRuns') ?? 0,
  };
  set(summary, 'agentId', o.optionalInt('agentId'));
  return summary;
}
