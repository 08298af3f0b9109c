import { setMaxListeners } from 'node:events';
import type { DisposableLike } from '../lifecycle';
import { redact, type Logger } from '../log';
import type { SequentumSettings } from '../settings';
import { resolveApiEndpoint, isLoopbackHost, type ApiEndpoint } from './baseUrl';
import type { BudgetScheduler, BudgetSnapshot } from './budget';
import { leaseBudget, type BudgetLease } from './budgetRegistry';
import { SharedLedger, type BudgetLedger } from './sharedLedger';
import { systemClock, type Clock } from './clock';
import {
  CancelledError,
  MalformedResponseError,
  NetworkError,
  ProblemError,
  SequentumError,
  type ProblemDetails,
} from './errors';
import { parseProblem, parseRetryAfter, redactProblem } from './problemDetails';
import { backoffDelay, DEFAULT_RETRY_POLICY, finalErrorForPost, isRetryableForGet, type RetryPolicy } from './retry';
import type { Agent, Page, Run, RunDiagnostics, RunFile, Space, StartRunOptions } from './model';
import type {
  DownloadedFile,
  DownloadOptions,
  ListAgentsQuery,
  RequestOptions,
  RequestPriority,
  SequentumApi,
} from './sequentumApi';
import { defaultFetch, readBytes, readCapped, Transport, type FetchLike, type FetchResponseLike } from './transport';
import * as wire from './wire';

export type { BudgetSnapshot } from './budget';
export type { FetchLike } from './transport';

export interface SequentumClientOptions {
  /** Dashboard origin (settings `sequentum.baseUrl`); the API lives under `${baseUrl}/api/v1`. */
  baseUrl: string;
  apiKey: string;
  settings: SequentumSettings;
  log: Logger;
  /** Injectable for tests and the bench; defaults to node-fetch 3. */
  fetch?: FetchLike;
  /** Per attempt, from the moment the request leaves the budget queue. Default 30 000. */
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

const MAX_REDIRECTS = 5;
/** A JSON answer larger than this is refused unread (the largest real list pages are far smaller). */
export const MAX_JSON_BYTES = 10 * 1024 * 1024;
/** Only this much of an error body is read; the message shows a few hundred characters of it. */
export const MAX_ERROR_BYTES = 64 * 1024;

/**
 * Creates the API client. Throws ConfigurationError when `baseUrl` is unusable (invalid, or plain
 * http:// to a non-loopback host). Every client for the same (origin, key) shares one budget.
 */
export function createSequentumClient(options: SequentumClientOptions): SequentumClient {
  return new HttpSequentumClient(options);
}

type HopOutcome<T> = { kind: 'ok'; value: T } | { kind: 'redirect'; location: string | null } | { kind: 'error'; body: string };

class HttpSequentumClient implements SequentumClient {
  readonly endpoint: ApiEndpoint;
  readonly budget: SequentumBudget;
  private readonly transport: Transport;
  private readonly lease: BudgetLease;
  private readonly scheduler: BudgetScheduler;
  private readonly clock: Clock;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly log: Logger;
  private readonly apiKey: string;
  private readonly lifetime = new AbortController();

  constructor(options: SequentumClientOptions) {
    this.endpoint = resolveApiEndpoint(options.baseUrl);
    // Every queued request listens on the client's lifetime signal; hundreds at once are normal.
    setMaxListeners(0, this.lifetime.signal);
    this.apiKey = options.apiKey;
    this.log = options.log;
    this.clock = options.clock ?? systemClock;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.transport = new Transport({
      fetch: options.fetch ?? defaultFetch,
      authOrigin: this.endpoint.origin,
      apiKey: options.apiKey,
      userAgent: 'sequentum-vscode',
    });
    const { rateLimit, polling } = options.settings;
    this.lease = leaseBudget(this.endpoint.origin, options.apiKey, {
      limit: rateLimit.requests,
      windowSeconds: rateLimit.windowSeconds,
      backgroundShare: polling.backgroundShare,
      clock: this.clock,
      ...(options.maxConcurrent !== undefined ? { maxConcurrent: options.maxConcurrent } : {}),
    }, sharedLedgerFactory(options.sharedBudgetDir, this.endpoint.origin, options.apiKey));
    this.scheduler = this.lease.scheduler;
    this.budget = {
      snapshot: () => this.scheduler.snapshot(),
      onDidChange: (listener) => this.scheduler.onDidChange(listener),
    };
  }

  async listSpaces(options?: RequestOptions): Promise<Space[]> {
    return this.getJson('/spaces', wire.parseSpaces, options);
  }

  async listAgents(query: ListAgentsQuery = {}, options?: RequestOptions): Promise<Page<Agent>> {
    return this.getJson(`/agent/all${queryString({ ...query })}`, wire.parseAgentPage, options);
  }

  async listSpaceAgents(spaceId: number, options?: RequestOptions): Promise<Agent[]> {
    return this.getJson(`/spaces/${id(spaceId)}/agents`, wire.parseAgents, options);
  }

  async getAgent(agentId: number, options?: RequestOptions): Promise<Agent> {
    return this.getJson(`/agent/${id(agentId)}`, wire.parseAgent, options);
  }

  async searchAgents(query: string, maxRecords?: number, options?: RequestOptions): Promise<Agent[]> {
    return this.getJson(`/agent/search${queryString({ query, maxRecords })}`, wire.parseAgents, options);
  }

  async listRuns(agentId: number, maxRecords?: number, options?: RequestOptions): Promise<Run[]> {
    const path = `/agent/${id(agentId)}/runs${queryString({ maxRecords })}`;
    return this.getJson(path, (json, where) => wire.parseRuns(json, where, agentId), options);
  }

  async getRunStatus(agentId: number, runId: number, options?: RequestOptions): Promise<Run> {
    const path = `/agent/${id(agentId)}/run/${id(runId)}/status`;
    return this.getJson(path, (json, where) => wire.parseRun(json, where, agentId), options);
  }

  async startRun(agentId: number, body: StartRunOptions, options?: RequestOptions): Promise<Run> {
    const { inputParameters, ...rest } = body;
    // The API takes inputParameters as JSON text, not as an object (§7 R1).
    const payload = inputParameters === undefined ? rest : { ...rest, inputParameters: JSON.stringify(inputParameters) };
    const path = `/agent/${id(agentId)}/start`;
    return this.execute('POST', path, options, JSON.stringify(payload), this.jsonConsumer(path, (json, where) => wire.parseStartResponse(json, where, agentId)));
  }

  async stopRun(agentId: number, runId: number, options?: RequestOptions): Promise<void> {
    const path = `/agent/${id(agentId)}/run/${id(runId)}/stop`;
    await this.execute('POST', path, options, '{}', drain);
  }

  async killRun(agentId: number, runId: number, options?: RequestOptions): Promise<void> {
    const path = `/agent/${id(agentId)}/run/${id(runId)}/kill`;
    await this.execute('POST', path, options, '{}', drain);
  }

  async listRunFiles(agentId: number, runId: number, options?: RequestOptions): Promise<RunFile[]> {
    return this.getJson(`/agent/${id(agentId)}/run/${id(runId)}/files`, wire.parseRunFiles, options);
  }

  async downloadRunFile(agentId: number, runId: number, fileId: number, options?: DownloadOptions): Promise<DownloadedFile> {
    const path = `/agent/${id(agentId)}/run/${id(runId)}/file/${id(fileId)}/download`;
    return this.execute('GET', path, options, undefined, async (response) => {
      const bytes = await readBytes(response, options?.onProgress);
      const contentType = response.headers.get('content-type');
      return contentType ? { bytes, contentType } : { bytes };
    });
  }

  async getRunDiagnostics(agentId: number, runId: number, options?: RequestOptions): Promise<RunDiagnostics> {
    return this.getJson(`/analytics/agents/${id(agentId)}/runs/${id(runId)}/diagnostics`, wire.parseDiagnostics, options);
  }

  async getLatestFailure(agentId: number, options?: RequestOptions): Promise<RunDiagnostics> {
    return this.getJson(`/analytics/agents/${id(agentId)}/latest-failure`, wire.parseDiagnostics, options);
  }

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
    if (this.lifetime.signal.aborted) return;
    this.lifetime.abort();
    this.lease.release();
  }

  private getJson<T>(path: string, parse: (json: unknown, where: string) => T, options?: RequestOptions): Promise<T> {
    return this.execute('GET', path, options, undefined, this.jsonConsumer(path, parse));
  }

  private jsonConsumer<T>(path: string, parse: (json: unknown, where: string) => T) {
    const where = path.split('?')[0].replace(/^\//, '');
    return async (response: FetchResponseLike): Promise<T> => {
      const body = await readCapped(response, MAX_JSON_BYTES, true);
      if (!body.complete) {
        throw new MalformedResponseError(
          `Unexpected response from ${where}: the body is too large (over ${MAX_JSON_BYTES / (1024 * 1024)} MB); it was not read.`,
          undefined,
          { tooLarge: true },
        );
      }
      const text = new TextDecoder().decode(body.bytes);
      if (!text.trim()) throw new MalformedResponseError(`Unexpected response from ${where}: the body is empty.`);
      let json: unknown;
      try {
        json = JSON.parse(text) as unknown;
      } catch {
        const excerpt = redact(text.slice(0, 200), [this.apiKey]);
        throw new MalformedResponseError(`Unexpected response from ${where}: the body is not valid JSON (truncated or not an API response).`, excerpt);
      }
      return parse(json, where);
    };
  }

  /** Retry loop: GET per policy; anything else exactly once (see finalErrorForPost). */
  private async execute<T>(
    method: 'GET' | 'POST',
    path: string,
    options: RequestOptions | undefined,
    body: string | undefined,
    consume: (response: FetchResponseLike) => Promise<T>,
  ): Promise<T> {
    const signal = options?.signal ? AbortSignal.any([options.signal, this.lifetime.signal]) : this.lifetime.signal;
    const lane = options?.priority ?? 'user';
    const url = new URL(this.endpoint.apiRoot + path);
    const label = `${method} ${url.pathname}`;
    let sentAt: number | undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        const started = this.clock.now();
        const value = await this.attempt(method, url, lane, signal, body, consume, () => (sentAt ??= this.clock.now()));
        this.log.debug(`${label} → ok in ${this.clock.now() - started} ms`);
        return value;
      } catch (raw) {
        const error = raw instanceof SequentumError ? raw : new NetworkError(`Unexpected failure: ${String(raw)}`, undefined, { cause: raw });
        if (method !== 'GET') {
          const final = finalErrorForPost(error, method, url.pathname, sentAt);
          this.log.warn(`${label} failed (${final.kind}): ${final.message}`);
          throw final;
        }
        if (!isRetryableForGet(error, this.policy) || attempt + 1 >= this.policy.maxAttempts) {
          if (!(error instanceof CancelledError)) this.log.warn(`${label} failed (${error.kind}): ${error.message}`);
          throw error;
        }
        const retryAfter = error instanceof ProblemError ? error.problem.retryAfterMs : undefined;
        const delay = backoffDelay(this.policy, attempt, retryAfter);
        this.log.info(`${label}: ${error.message} — retry ${attempt + 1}/${this.policy.maxAttempts - 1} in ${delay} ms`);
        await this.clock.sleep(delay, signal);
      }
    }
  }

  /** One attempt: hops through redirects; API-origin hops go through the budget. */
  private async attempt<T>(
    method: 'GET' | 'POST',
    start: URL,
    lane: RequestPriority,
    signal: AbortSignal,
    body: string | undefined,
    consume: (response: FetchResponseLike) => Promise<T>,
    onSend: () => void,
  ): Promise<T> {
    let url = start;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const current = url;
      const onApiOrigin = current.origin === this.endpoint.origin;
      const send = async (responded?: () => void) => {
        onSend();
        const hopResult = await this.transport.hop<HopOutcome<T>>({ method, url: current, body, signal, timeoutMs: this.timeoutMs }, async (response) => {
          const { status } = response;
          if (onApiOrigin) {
            // Before the body is read and before this slot completes: the scheduler must know
            // the limit and any 429 pause before it grants the next request.
            responded?.();
            this.observeBudgetSignals(status, response.headers);
          }
          if (status >= 200 && status < 300) return { kind: 'ok', value: await consume(response) };
          if (method === 'GET' && [301, 302, 303, 307, 308].includes(status)) {
            return { kind: 'redirect', location: response.headers.get('location') };
          }
          const errorBody = new TextDecoder().decode((await readCapped(response, MAX_ERROR_BYTES)).bytes);
          return { kind: 'error', body: errorBody };
        });
        return hopResult;
      };
      const result = onApiOrigin ? await this.scheduler.run(lane, signal, send) : await send();
      const outcome = result.value;
      if (outcome.kind === 'ok') return outcome.value;
      if (outcome.kind === 'redirect') {
        url = this.nextHop(current, outcome.location);
        continue;
      }
      throw new ProblemError(this.problemFrom(result.status, result.headers, outcome.body, onApiOrigin));
    }
    throw new NetworkError(`Too many redirects for ${start.pathname}.`, 'TOO_MANY_REDIRECTS');
  }

  private nextHop(current: URL, location: string | null): URL {
    if (!location) throw new MalformedResponseError(`Unexpected response from ${current.pathname}: a redirect without a Location.`);
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      throw new MalformedResponseError(`Unexpected response from ${current.pathname}: an invalid redirect target.`);
    }
    const insecure = next.protocol === 'http:' && !isLoopbackHost(next.hostname);
    if ((next.protocol !== 'https:' && next.protocol !== 'http:') || (current.protocol === 'https:' && insecure)) {
      throw new NetworkError(`Refusing to follow a redirect from ${current.host} to an insecure address.`, 'INSECURE_REDIRECT', { notSent: true, tls: true });
    }
    return next;
  }

  private observeBudgetSignals(status: number, headers: FetchResponseLike['headers']): void {
    this.scheduler.observeLimitHeaders(
      headerNumber(headers.get('x-ratelimit-limit')),
      headerNumber(headers.get('x-ratelimit-window-seconds')),
    );
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(headers.get('retry-after'), this.clock.now()) ?? backoffDelay(this.policy, 0);
      this.scheduler.pauseFor(Math.min(retryAfterMs, this.policy.maxRetryAfterMs));
    }
  }

  private problemFrom(status: number, headers: FetchResponseLike['headers'], body: string, onApiOrigin: boolean): ProblemDetails {
    let retryAfterMs = parseRetryAfter(headers.get('retry-after'), this.clock.now());
    // The caller (run layer) gets a concrete wait even when the server sent no Retry-After.
    if (status === 429 && onApiOrigin) retryAfterMs ??= backoffDelay(this.policy, 0);
    const problem = parseProblem({ status, contentType: headers.get('content-type'), body, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
    // A misbehaving proxy may echo request headers into an error page.
    return redactProblem(problem, [this.apiKey]);
  }
}

async function drain(response: FetchResponseLike): Promise<void> {
  await readCapped(response, MAX_ERROR_BYTES);
}

function id(value: number): string {
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

function headerNumber(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}
