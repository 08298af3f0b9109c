import type { RunStatusCode } from './model';
import { normaliseServerTime } from './serverTime';
import { asList, asObject, type WireObject } from './wireValues';

/**
 * N1 `GET analytics/runs/summary` (sequentum-api.md §11): the account's run counts over a date
 * range and, with `includeDetails`, its failed runs. Read tolerantly: `failedRunDetails` null,
 * absent or a list; statuses as codes or names; camelCase or PascalCase; `errorMessage` or the
 * older `message`; a personal agent's space as null or 0 (S8 uses 0 for "personal").
 */

/** Which runs N1 counts; the words are the status filter the MCP tool reference documents. */
export type RunsSummaryStatus = 'Failed' | 'Completed' | 'CompletedWithErrors' | 'Running';

export interface RunsSummaryQuery {
  /** ISO instant or date (UTC). */
  startDate: string;
  endDate: string;
  status?: RunsSummaryStatus;
  /** Ask for `failedRunDetails`. */
  includeDetails?: boolean;
}

/** One failed run as N1 lists it. */
export interface FailedRunDetail {
  runId: number;
  agentId: number;
  agentName?: string;
  /** ISO UTC. */
  startTime?: string;
  endTime?: string;
  status: RunStatusCode;
  /** The status as the server spelled it, when it sent a name. */
  statusName?: string;
  errorMessage?: string;
  /** null = the personal space. */
  spaceId: number | null;
  spaceName?: string;
}

export interface RunsSummary {
  totalRuns: number;
  completedRuns: number;
  failedRuns: number;
  completedWithErrorsRuns: number;
  runningRuns: number;
  queuedRuns: number;
  stoppedRuns: number;
  /** Empty when the server sent none (no details asked, no failures). */
  failedRunDetails: FailedRunDetail[];
}

function time(o: WireObject, ...names: string[]): string | undefined {
  const text = o.optionalString(...names);
  return text === undefined || !text.trim() ? undefined : normaliseServerTime(text);
}

function toDetail(o: WireObject): FailedRunDetail {
  const status = o.status('status', 'runStatus');
  const spaceId = o.optionalInt('spaceId');
  const detail: FailedRunDetail = {
    runId: o.requiredInt('runId', 'id'),
    agentId: o.requiredInt('agentId', 'configId'),
    // A failure list without a status still lists failures: Failure (6) is what it means.
    status: status?.code ?? 6,
    spaceId: spaceId === undefined || spaceId === 0 ? null : spaceId,
  };
  const optional: Partial<FailedRunDetail> = {
    agentName: o.optionalString('agentName', 'configName'),
    startTime: time(o, 'startTime', 'created'),
    endTime: time(o, 'endTime'),
    statusName: status?.name,
    errorMessage: o.optionalString('errorMessage', 'message'),
    spaceName: o.optionalString('spaceName'),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(detail, { [key]: value });
  return detail;
}

export function parseRunsSummary(value: unknown, where: string): RunsSummary {
  const o = asObject(value, where);
  const count = (...names: string[]): number => o.optionalInt(...names) ?? 0;
  const rawDetails = o.get('failedRunDetails', 'details');
  const details = rawDetails === undefined ? [] : asList(rawDetails, `${where} failedRunDetails`, ['items', 'runs']).items;
  return {
    totalRuns: count('totalRuns', 'totalCount'),
    completedRuns: count('completedRuns'),
    failedRuns: count('failedRuns'),
    completedWithErrorsRuns: count('completedWithErrorsRuns'),
    runningRuns: count('runningRuns'),
    queuedRuns: count('queuedRuns'),
    stoppedRuns: count('stoppedRuns'),
    failedRunDetails: details.map((item, index) => toDetail(asObject(item, `${where} failedRunDetails item ${index}`))),
  };
}

/** The N1 query string. */
export function runsSummaryQuery(query: RunsSummaryQuery): string {
  const search = new URLSearchParams({ startDate: query.startDate, endDate: query.endDate });
  if (query.status) search.set('status', query.status);
  if (query.includeDetails) search.set('includeDetails', 'true');
  return search.toString();
}
