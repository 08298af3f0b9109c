import type {
  AgentCostPage, AgentCostQuery, AgentCostSeries, AgentCostSeriesQuery, CreditHistoryPage, Credits, PageQuery, RecordsSummary, RecordsSummaryQuery, RunCostPage, RunCostQuery, Spending,
} from './billingModel';
import type { PartFileWatcher, SavedDownload } from './download';
import type { Agent, Page, Run, RunDiagnostics, RunFile, Space, StartRunOptions } from './model';
import type { AgentVersion, RemoveMethod, RunAllResult } from './runActionModel';
import type { RunsSummary, RunsSummaryQuery } from './runsSummary';
import type { Schedule, ScheduleInput, UpcomingFire } from './scheduleModel';

/**
 * Which lane of the request budget a call uses: user-initiated requests always go first;
 * background work (polling, prefetch, edit-time checks) may use at most its configured share.
 */
export type RequestPriority = 'user' | 'background';

export interface RequestOptions {
  /** Default 'user'. */
  priority?: RequestPriority;
  /** Cancels the request (and its place in the queue); rejects with CancelledError. */
  signal?: AbortSignal;
  /**
   * HTTP statuses that are a state for this caller, not a failure (403 on billing: the key has no
   * billing access; the caller says so once): still thrown, but logged at debug, not as a warning.
   */
  expectedStatuses?: readonly number[];
}

export interface ListAgentsQuery {
  /** 1-based; paging is used only when both pageIndex and recordsPerPage are given. */
  pageIndex?: number;
  recordsPerPage?: number;
  /** Case-insensitive "contains" on the name. */
  name?: string;
  spaceId?: number;
  status?: number;
}

export interface DownloadToFileOptions extends RequestOptions {
  /** Bytes on disk so far and the total when known; at most every 100 ms and once at the end. */
  onProgress?: (received: number, total: number | undefined) => void;
  /** Notes in the user's language (a resume, a restart, a retry), also written to the log. */
  onNote?: (message: string) => void;
  /** Refuse a file larger than this (bytes), whatever its listed size said: MalformedResponseError (tooLarge). */
  maxBytes?: number;
  /** Follows the part file while it fills (a table shown before the download ends). */
  watch?: PartFileWatcher;
}

/**
 * The Sequentum Cloud API as the rest of the extension sees it: one instance per
 * (base URL, API key), every call through the shared budget and retry policy.
 * Failures reject with the typed errors of errors.ts.
 */
export interface SequentumApi {
  listSpaces(options?: RequestOptions): Promise<Space[]>;
  listAgents(query?: ListAgentsQuery, options?: RequestOptions): Promise<Page<Agent>>;
  listSpaceAgents(spaceId: number, options?: RequestOptions): Promise<Agent[]>;
  getAgent(agentId: number, options?: RequestOptions): Promise<Agent>;
  searchAgents(query: string, maxRecords?: number, options?: RequestOptions): Promise<Agent[]>;
  /** Newest first, at most `maxRecords`. */
  listRuns(agentId: number, maxRecords?: number, options?: RequestOptions): Promise<Run[]>;
  getRunStatus(agentId: number, runId: number, options?: RequestOptions): Promise<Run>;
  /**
   * POST start — never retried. A failure without a definite answer rejects with
   * AmbiguousRequestError; use the run layer (duplicate-run check) instead of calling this directly.
   */
  startRun(agentId: number, body: StartRunOptions, options?: RequestOptions): Promise<Run>;
  stopRun(agentId: number, runId: number, options?: RequestOptions): Promise<void>;
  killRun(agentId: number, runId: number, options?: RequestOptions): Promise<void>;
  listRunFiles(agentId: number, runId: number, options?: RequestOptions): Promise<RunFile[]>;
  /**
   * Follows the redirect to the file store without sending the API key there and streams the file to `destination` (its folder must exist) — see downloadToFile: idle timeout,
   * resume or restart on a broken connection, the final name only once complete.
   */
  downloadRunFileTo(agentId: number, runId: number, fileId: number, destination: string, options?: DownloadToFileOptions): Promise<SavedDownload>;
  getRunDiagnostics(agentId: number, runId: number, options?: RequestOptions): Promise<RunDiagnostics>;
  getLatestFailure(agentId: number, options?: RequestOptions): Promise<RunDiagnostics>;
  /** S1. */
  listSchedules(agentId: number, options?: RequestOptions): Promise<Schedule[]>;
  /** S3. */
  getSchedule(agentId: number, scheduleId: number, options?: RequestOptions): Promise<Schedule>;
  /** S2 — POST, never retried (a lost answer rejects with AmbiguousRequestError). */
  createSchedule(agentId: number, input: ScheduleInput, options?: RequestOptions): Promise<Schedule>;
  /** S4 — PUT, retried like a GET (idempotent). */
  updateSchedule(agentId: number, scheduleId: number, input: ScheduleInput, options?: RequestOptions): Promise<Schedule>;
  /** S5 — DELETE, retried like a GET: a 404 after a lost answer means it is gone. */
  deleteSchedule(agentId: number, scheduleId: number, options?: RequestOptions): Promise<void>;
  /**
   * S6/S7 — POST, never retried. Resolves with the schedule when the server answers with it,
   * undefined when it answers with nothing or a message (then read it with getSchedule).
   */
  setScheduleEnabled(agentId: number, scheduleId: number, enabled: boolean, options?: RequestOptions): Promise<Schedule | undefined>;
  /** S8: next fires across agents between two ISO instants. */
  listUpcomingFires(range: { startDate: string; endDate: string }, options?: RequestOptions): Promise<UpcomingFire[]>;
  /** N1: the account's run counts over a range and, with `includeDetails`, its failed runs (one request for all agents). */
  getRunsSummary(query: RunsSummaryQuery, options?: RequestOptions): Promise<RunsSummary>;
  /** B1: the organisation's available credits. A key without billing access rejects with a 403 (ForbiddenError). */
  getCredits(options?: RequestOptions): Promise<Credits>;
  /** B2: credits spent in a range; without one, the server's default (start of this week … now). */
  getSpending(range?: { startDate: string; endDate: string }, options?: RequestOptions): Promise<Spending>;
  /** B3: credit transactions, newest first (at most 100 a page). */
  getCreditHistory(query?: PageQuery, options?: RequestOptions): Promise<CreditHistoryPage>;
  /** B4: cost per agent in a range (dates always sent). */
  listAgentCosts(query: AgentCostQuery, options?: RequestOptions): Promise<AgentCostPage>;
  /** B5: one agent's cost per day or month, per usage type (both spellings of the types understood). */
  getAgentCostSeries(agentId: number, query: AgentCostSeriesQuery, options?: RequestOptions): Promise<AgentCostSeries>;
  /** B6: cost per run of one agent (a page; `pageCost` is the page's sum, as the server's totalCost is). */
  listRunCosts(agentId: number, query: RunCostQuery, options?: RequestOptions): Promise<RunCostPage>;
  /** N2: records, exports, errors and page loads over a range (of one agent or all). */
  getRecordsSummary(query?: RecordsSummaryQuery, options?: RequestOptions): Promise<RecordsSummary>;
  /** R7 — DELETE, retried like a GET. The server refuses a run in flight (409/400 ProblemError). */
  deleteRun(agentId: number, runId: number, removeMethod?: RemoveMethod, options?: RequestOptions): Promise<void>;
  /** P5 — POST, never retried: starts every agent of the space; the answer has one line per agent. */
  runAllInSpace(spaceId: number, inputParameters?: Record<string, unknown>, options?: RequestOptions): Promise<RunAllResult>;
  /** V1 — the agent's versions, newest first. */
  listVersions(agentId: number, options?: RequestOptions): Promise<AgentVersion[]>;
  /** V2 — POST, never retried: a new version copied from `version`, with `comment` in its history. */
  restoreVersion(agentId: number, version: number, comment: string, options?: RequestOptions): Promise<void>;
}
