import type { DisposableLike } from '../lifecycle';
import { BillingEndpoints } from './billingEndpoints';
import type {
  AgentCostPage, AgentCostQuery, AgentCostSeries, AgentCostSeriesQuery, CreditHistoryPage, Credits, PageQuery, RecordsSummary, RecordsSummaryQuery, RunCostPage, RunCostQuery, Spending,
} from './billingModel';
import type { Logger } from '../log';
import type { SequentumSettings } from '../settings';
import { resolveApiEndpoint, type ApiEndpoint } from './baseUrl';
import type { BudgetScheduler, BudgetSnapshot } from './budget';
import { leaseBudget, type BudgetLease } from './budgetRegistry';
import { SharedLedger, type BudgetLedger } from './sharedLedger';
import { systemClock, type Clock } from '../clock';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import type { Agent, Page, Run, RunDiagnostics, RunFile, Space, StartRunOptions } from './model';
import { drain, RequestPipeline } from './requestPipeline';
import { parseRunsSummary, runsSummaryQuery, type RunsSummary, type RunsSummaryQuery } from './runsSummary';
import { RunActionEndpoints } from './runActionEndpoints';
import type { AgentVersion, RemoveMethod, RunAllResult } from './runActionModel';
import { ScheduleEndpoints } from './scheduleEndpoints';
import type { Schedule, ScheduleInput, UpcomingFire } from './scheduleModel';
import { DEFAULT_DOWNLOAD_POLICY, downloadToFile, type DownloadPolicy, type SavedDownload } from './download';
import type { DownloadToFileOptions, ListAgentsQuery, RequestOptions, SequentumApi } from './sequentumApi';
import { defaultFetch, Transport, type FetchLike, type FetchResponseLike } from './transport';
import * as wire from './wire';
import { forLog } from '../text/sinks';

export type { BudgetSnapshot } from './budget';
export type { FetchLike } from './transport';
export { MAX_ERROR_BYTES, MAX_JSON_BYTES } from './requestPipeline';

export interface SequentumClientOptions {
  /** Dashboard origin (settings `sequentum.baseUrl`); the API lives under `${baseUrl}/api/v1`. */
  baseUrl: string;
  apiKey: string;
  settings: SequentumSettings;
  log: Logger;
  /** Injectable for tests and the bench; defaults to node-fetch 3. */
  fetch?: FetchLike;
  /**
   * Per attempt, from the moment the request leaves the budget queue. Default 30 000. Requests to
   * the API get one window more: the server may hold them in its queue until its window frees.
   */
  timeoutMs?: number;
  /** Backoff waits and Retry-After pauses; injectable so tests do not wait real seconds. */
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  /** Most requests on the wire at once for this key. Default 8. */
  maxConcurrent?: number;
  /**
   * A folder shared by every extension host of the profile (globalStorageUri): when set, all
   * windows using the same (origin, key) share one budget through it (sharedLedger.ts).
   */
  sharedBudgetDir?: string;
  /** Idle timeout and attempts of file downloads (download.ts); defaults DEFAULT_DOWNLOAD_POLICY. */
  download?: Partial<DownloadPolicy>;
}

/** The key's request budget as the status bar sees it. */
export interface SequentumBudget {
  snapshot(): BudgetSnapshot;
  /** Fired (coalesced per tick) whenever usage, queues, limits or the 429 pause change. */
  onDidChange(listener: (snapshot: BudgetSnapshot) => void): DisposableLike;
}

/** A SequentumApi bound to one (base URL, key), plus its budget and lifecycle. */
export interface SequentumClient extends SequentumApi {
  readonly endpoint: ApiEndpoint;
  readonly budget: SequentumBudget;
  /** Applies rate-limit and background-share settings (a new baseUrl needs a new client). */
  updateSettings(settings: SequentumSettings): void;
  /** Cancels this client's queued and in-flight requests and releases its share of the budget. */
  dispose(): void;
}

function sharedLedgerFactory(dir: string | undefined, origin: string, apiKey: string): (() => BudgetLedger) | undefined {
  return dir === undefined ? undefined : () => new SharedLedger({ dir, origin, apiKey });
}


/**
 * Creates the API client. Throws ConfigurationError when `baseUrl` is unusable (invalid, or plain
 * http:// to a non-loopback host). Every client for the same (origin, key) shares one budget.
 */
export function createSequentumClient(options: SequentumClientOptions): SequentumClient {
  return new HttpSequentumClient(options);
}

class HttpSequentumClient implements SequentumClient {
  readonly endpoint: ApiEndpoint;
  readonly budget: SequentumBudget;
  private readonly pipeline: RequestPipeline;
  private readonly lease: BudgetLease;
  private readonly scheduler: BudgetScheduler;
  private readonly log: Logger;
  private readonly downloadPolicy: DownloadPolicy;
  /** Aborted by dispose(): a download's body is read after its request left the pipeline. */
  private readonly downloads = new AbortController();
  private readonly schedules: ScheduleEndpoints;
  private readonly billing: BillingEndpoints;
  private readonly runActions: RunActionEndpoints;

  constructor(options: SequentumClientOptions) {
    this.endpoint = resolveApiEndpoint(options.baseUrl);
    this.log = options.log;
    this.downloadPolicy = { ...DEFAULT_DOWNLOAD_POLICY, ...options.download };
    const clock = options.clock ?? systemClock;
    const { rateLimit, polling } = options.settings;
    this.lease = leaseBudget(this.endpoint.origin, options.apiKey, {
      limit: rateLimit.requests,
      windowSeconds: rateLimit.windowSeconds,
      backgroundShare: polling.backgroundShare,
      clock,
      log: options.log,
      ...(options.maxConcurrent !== undefined ? { maxConcurrent: options.maxConcurrent } : {}),
    }, sharedLedgerFactory(options.sharedBudgetDir, this.endpoint.origin, options.apiKey));
    this.scheduler = this.lease.scheduler;
    this.pipeline = new RequestPipeline({
      endpoint: this.endpoint,
      transport: new Transport({
        fetch: options.fetch ?? defaultFetch,
        authOrigin: this.endpoint.origin,
        apiKey: options.apiKey,
        userAgent: 'sequentum-vscode',
      }),
      scheduler: this.scheduler,
      clock,
      policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      timeoutMs: options.timeoutMs ?? 30_000,
      log: options.log,
      apiKey: options.apiKey,
    });
    this.schedules = new ScheduleEndpoints(this.pipeline, id);
    this.billing = new BillingEndpoints(this.pipeline, id);
    this.runActions = new RunActionEndpoints(this.pipeline, id);
    this.budget = {
      snapshot: () => this.scheduler.snapshot(),
      onDidChange: (listener) => this.scheduler.onDidChange(listener),
    };
  }

  async listSpaces(options?: RequestOptions): Promise<Space[]> {
    return this.pipeline.getJson('/spaces', wire.parseSpaces, options);
  }

  async listAgents(query: ListAgentsQuery = {}, options?: RequestOptions): Promise<Page<Agent>> {
    return this.pipeline.getJson(`/agent/all${queryString({ ...query })}`, wire.parseAgentPage, options);
  }

  async listSpaceAgents(spaceId: number, options?: RequestOptions): Promise<Agent[]> {
    return this.pipeline.getJson(`/spaces/${id(spaceId)}/agents`, wire.parseAgents, options);
  }

  async getAgent(agentId: number, options?: RequestOptions): Promise<Agent> {
    return this.pipeline.getJson(`/agent/${id(agentId)}`, wire.parseAgent, options);
  }

  async searchAgents(query: string, maxRecords?: number, options?: RequestOptions): Promise<Agent[]> {
    return this.pipeline.getJson(`/agent/search${queryString({ query, maxRecords })}`, wire.parseAgents, options);
  }

  async listRuns(agentId: number, maxRecords?: number, options?: RequestOptions): Promise<Run[]> {
    const path = `/agent/${id(agentId)}/runs${queryString({ maxRecords })}`;
    return this.pipeline.getJson(path, (json, where) => wire.parseRuns(json, where, agentId), options);
  }

  async getRunStatus(agentId: number, runId: number, options?: RequestOptions): Promise<Run> {
    const path = `/agent/${id(agentId)}/run/${id(runId)}/status`;
    return this.pipeline.getJson(path, (json, where) => wire.parseRun(json, where, agentId), options);
  }

  async startRun(agentId: number, body: StartRunOptions, options?: RequestOptions): Promise<Run> {
    const { inputParameters, ...rest } = body;
    // The API takes inputParameters as JSON text, not as an object (§7 R1).
    const payload = inputParameters === undefined ? rest : { ...rest, inputParameters: JSON.stringify(inputParameters) };
    const path = `/agent/${id(agentId)}/start`;
    return this.pipeline.execute('POST', path, options, JSON.stringify(payload), this.pipeline.jsonConsumer(path, (json, where) => wire.parseStartResponse(json, where, agentId)));
  }

  async stopRun(agentId: number, runId: number, options?: RequestOptions): Promise<void> {
    const path = `/agent/${id(agentId)}/run/${id(runId)}/stop`;
    await this.pipeline.execute('POST', path, options, '{}', drain);
  }

  async killRun(agentId: number, runId: number, options?: RequestOptions): Promise<void> {
    const path = `/agent/${id(agentId)}/run/${id(runId)}/kill`;
    await this.pipeline.execute('POST', path, options, '{}', drain);
  }

  async listRunFiles(agentId: number, runId: number, options?: RequestOptions): Promise<RunFile[]> {
    return this.pipeline.getJson(`/agent/${id(agentId)}/run/${id(runId)}/files`, wire.parseRunFiles, options);
  }

  async downloadRunFileTo(agentId: number, runId: number, fileId: number, destination: string, options?: DownloadToFileOptions): Promise<SavedDownload> {
    const path = `/agent/${id(agentId)}/run/${id(runId)}/file/${id(fileId)}/download`;
    const signal = options?.signal ? AbortSignal.any([options.signal, this.downloads.signal]) : this.downloads.signal;
    const priority = options?.priority ?? 'user';
    return downloadToFile({
      // Every attempt asks the API again: the signed URL of the last one may have expired.
      open: (headers, attemptSignal) => this.pipeline.execute('GET', path, { priority, signal: attemptSignal }, undefined, leaveBodyUnread, headers),
      destination,
      signal,
      ...(options?.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options?.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
      ...(options?.watch ? { watch: options.watch } : {}),
      onNote: (message) => {
        options?.onNote?.(message);
        this.log.info(`GET ${path}: ${forLog(message)}`);
      },
    }, this.downloadPolicy);
  }

  async getRunDiagnostics(agentId: number, runId: number, options?: RequestOptions): Promise<RunDiagnostics> {
    return this.pipeline.getJson(`/analytics/agents/${id(agentId)}/runs/${id(runId)}/diagnostics`, wire.parseDiagnostics, options);
  }

  async getLatestFailure(agentId: number, options?: RequestOptions): Promise<RunDiagnostics> {
    return this.pipeline.getJson(`/analytics/agents/${id(agentId)}/latest-failure`, wire.parseDiagnostics, options);
  }

  listSchedules(agentId: number, options?: RequestOptions): Promise<Schedule[]> {
    return this.schedules.list(agentId, options);
  }

  getSchedule(agentId: number, scheduleId: number, options?: RequestOptions): Promise<Schedule> {
    return this.schedules.get(agentId, scheduleId, options);
  }

  createSchedule(agentId: number, input: ScheduleInput, options?: RequestOptions): Promise<Schedule> {
    return this.schedules.create(agentId, input, options);
  }

  updateSchedule(agentId: number, scheduleId: number, input: ScheduleInput, options?: RequestOptions): Promise<Schedule> {
    return this.schedules.update(agentId, scheduleId, input, options);
  }

  deleteSchedule(agentId: number, scheduleId: number, options?: RequestOptions): Promise<void> {
    return this.schedules.delete(agentId, scheduleId, options);
  }

  setScheduleEnabled(agentId: number, scheduleId: number, enabled: boolean, options?: RequestOptions): Promise<Schedule | undefined> {
    return this.schedules.setEnabled(agentId, scheduleId, enabled, options);
  }

  listUpcomingFires = (range: { startDate: string; endDate: string }, options?: RequestOptions): Promise<UpcomingFire[]> => this.schedules.upcoming(range, options);
  getRunsSummary = (query: RunsSummaryQuery, options?: RequestOptions): Promise<RunsSummary> =>
    this.pipeline.getJson(`/analytics/runs/summary?${runsSummaryQuery(query)}`, parseRunsSummary, options);

  // Billing and the records summary: one line each, the endpoints class does the work.
  getCredits = (options?: RequestOptions): Promise<Credits> => this.billing.credits(options);
  getSpending = (range?: { startDate: string; endDate: string }, options?: RequestOptions): Promise<Spending> => this.billing.spending(range, options);
  getCreditHistory = (query?: PageQuery, options?: RequestOptions): Promise<CreditHistoryPage> => this.billing.history(query, options);
  listAgentCosts = (query: AgentCostQuery, options?: RequestOptions): Promise<AgentCostPage> => this.billing.agentCosts(query, options);
  getAgentCostSeries = (agentId: number, query: AgentCostSeriesQuery, options?: RequestOptions): Promise<AgentCostSeries> => this.billing.agentCostSeries(agentId, query, options);
  listRunCosts = (agentId: number, query: RunCostQuery, options?: RequestOptions): Promise<RunCostPage> => this.billing.runCosts(agentId, query, options);
  getRecordsSummary = (query?: RecordsSummaryQuery, options?: RequestOptions): Promise<RecordsSummary> => this.billing.recordsSummary(query, options);

  // Run actions and versions: one line each, like billing (keeps this file under 300 lines).
  deleteRun = (agentId: number, runId: number, removeMethod?: RemoveMethod, options?: RequestOptions): Promise<void> => this.runActions.deleteRun(agentId, runId, removeMethod, options);
  runAllInSpace = (spaceId: number, inputParameters?: Record<string, unknown>, options?: RequestOptions): Promise<RunAllResult> => this.runActions.runAllInSpace(spaceId, inputParameters, options);
  listVersions = (agentId: number, options?: RequestOptions): Promise<AgentVersion[]> => this.runActions.listVersions(agentId, options);
  restoreVersion = (agentId: number, version: number, comment: string, options?: RequestOptions): Promise<void> => this.runActions.restoreVersion(agentId, version, comment, options);

  updateSettings(settings: SequentumSettings): void {
    if (resolveApiEndpoint(settings.baseUrl).origin !== this.endpoint.origin) {
      this.log.warn('Sequentum base URL changed; the existing client keeps its origin until it is recreated.');
    }
    this.scheduler.configure({
      limit: settings.rateLimit.requests,
      windowSeconds: settings.rateLimit.windowSeconds,
      backgroundShare: settings.polling.backgroundShare,
    });
  }

  dispose(): void {
    if (this.pipeline.disposed) return;
    this.pipeline.dispose();
    this.downloads.abort();
    this.lease.release();
  }
}

/** The response goes back to the download with its body unread: it streams it, with its own idle timeout. */
function leaveBodyUnread(response: FetchResponseLike): Promise<FetchResponseLike> {
  return Promise.resolve(response);
}

function id(value: number): string {
  // A caller's bug (ids come from parsed answers and validated input): English, for the log and a bug report.
  if (!Number.isSafeInteger(value)) throw new TypeError(`Invalid id: ${value}`);
  return String(value);
}

function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
