import { setMaxListeners } from 'node:events';
import { redact, type Logger } from '../log';
import { isLoopbackHost, type ApiEndpoint } from './baseUrl';
import type { BudgetScheduler } from './budget';
import { sleep, type Clock } from '../clock';
import { l10n } from '../text/l10n';
import {
  CancelledError,
  MalformedResponseError,
  NetworkError,
  ProblemError,
  SequentumError,
  type ProblemDetails,
} from './errors';
import { parseProblem, parseRetryAfter } from './problemDetails';
import { boundedRetryAfter, limitFromHeader, windowSecondsFromHeader } from './rateLimitValues';
import { backoffDelay, finalErrorForPost, isRetryableForGet, type RetryPolicy } from './retry';
import type { RequestOptions, RequestPriority } from './sequentumApi';
import { readCapped, type Transport, type FetchResponseLike, type HttpMethod } from './transport';
import { forLog } from '../text/sinks';

const MAX_REDIRECTS = 5;
/** A JSON answer larger than this is refused unread (the largest real list pages are far smaller). */
export const MAX_JSON_BYTES = 10 * 1024 * 1024;
/** Only this much of an error body is read; the message shows a few hundred characters of it. */
export const MAX_ERROR_BYTES = 64 * 1024;
/** Characters of an unreadable body kept on the MalformedResponseError (for the log). */
const MAX_EXCERPT_CHARS = 200;

type HopOutcome<T> = { kind: 'ok'; value: T } | { kind: 'redirect'; location: string | null } | { kind: 'error'; body: string };

/** What one client's request pipeline needs; the client builds it from its options. */
/**
 * Methods whose repetition leaves the server as one request would (RFC 9110 §9.2.2): GET reads;
 * PUT sets a schedule to the same full body again; DELETE of a schedule already gone is a 404 the
 * caller reads as "gone" (deleteSchedule). POST is not: a repeated start queues a second run, and
 * enable/disable are POSTs too, so their callers confirm with a GET instead of repeating them.
 */
export const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set<HttpMethod>(['GET', 'PUT', 'DELETE']);

export interface RequestPipelineOptions {
  endpoint: ApiEndpoint;
  transport: Transport;
  scheduler: BudgetScheduler;
  clock: Clock;
  policy: RetryPolicy;
  timeoutMs: number;
  log: Logger;
  apiKey: string;
}

/**
 * The path every request of a client takes: the budget queue (API origin only), redirects,
 * retries for GET (POST exactly once), rate-limit headers and 429 pauses, error bodies turned into
 * redacted problems. The endpoint methods (client.ts) only say what to ask and how to parse it.
 */
export class RequestPipeline {
  private readonly endpoint: ApiEndpoint;
  private readonly transport: Transport;
  private readonly scheduler: BudgetScheduler;
  private readonly clock: Clock;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly log: Logger;
  private readonly apiKey: string;
  private readonly lifetime = new AbortController();

  constructor(options: RequestPipelineOptions) {
    ({
      endpoint: this.endpoint,
      transport: this.transport,
      scheduler: this.scheduler,
      clock: this.clock,
      policy: this.policy,
      timeoutMs: this.timeoutMs,
      log: this.log,
      apiKey: this.apiKey,
    } = options);
    // Every queued request listens on the pipeline's lifetime signal; hundreds at once are normal.
    setMaxListeners(0, this.lifetime.signal);
  }

  /** True once {@link dispose} ran. */
  get disposed(): boolean {
    return this.lifetime.signal.aborted;
  }

  /** Cancels every queued and in-flight request. */
  dispose(): void {
    this.lifetime.abort();
  }

  getJson<T>(path: string, parse: (json: unknown, where: string) => T, options?: RequestOptions): Promise<T> {
    return this.execute('GET', path, options, undefined, this.jsonConsumer(path, parse));
  }

  jsonConsumer<T>(path: string, parse: (json: unknown, where: string) => T) {
    const where = path.split('?')[0].replace(/^\//, '');
    return async (response: FetchResponseLike): Promise<T> => {
      const body = await readCapped(response, MAX_JSON_BYTES, true);
      if (!body.complete) {
        throw new MalformedResponseError(
          l10n.t('Unexpected response from {0}: the body is too large (over {1} MB); it was not read.', where, MAX_JSON_BYTES / (1024 * 1024)),
          undefined,
          { tooLarge: true },
        );
      }
      const text = new TextDecoder().decode(body.bytes);
      if (!text.trim()) throw new MalformedResponseError(l10n.t('Unexpected response from {0}: the body is empty.', where));
      let json: unknown;
      try {
        json = JSON.parse(text) as unknown;
      } catch {
        // The whole text is redacted before the cut (linear, and only on this error path), so a key
        // straddling the cut leaves no piece behind, whatever came before it.
        const excerpt = redact(text, [this.apiKey]).slice(0, MAX_EXCERPT_CHARS);
        throw new MalformedResponseError(l10n.t('Unexpected response from {0}: the body is not valid JSON (truncated or not an API response).', where), excerpt);
      }
      try {
        return parse(json, where);
      } catch (error) {
        // Wire errors quote a bit of the offending value, which may be an echoed key.
        if (MalformedResponseError.is(error)) throw new MalformedResponseError(redact(error.message, [this.apiKey]), error.bodyExcerpt, { tooLarge: error.tooLarge });
        throw error;
      }
    };
  }

  /**
   * Retry loop: GET, PUT and DELETE per policy; POST exactly once (see finalErrorForPost). `headers` go
   * on every hop (a download's Range).
   */
  async execute<T>(
    method: HttpMethod,
    path: string,
    options: RequestOptions | undefined,
    body: string | undefined,
    consume: (response: FetchResponseLike) => Promise<T>,
    headers?: Record<string, string>,
  ): Promise<T> {
    const signal = options?.signal ? AbortSignal.any([options.signal, this.lifetime.signal]) : this.lifetime.signal;
    const lane = options?.priority ?? 'user';
    const url = new URL(this.endpoint.apiRoot + path);
    const label = `${method} ${url.pathname}`;
    /** Wall time: the run layer compares it with the server's creation times. */
    let sentAt: number | undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        const started = this.clock.now();
        const value = await this.attempt(method, url, lane, signal, { body, headers }, consume, () => (sentAt ??= this.clock.wallNow()));
        this.log.debug(`${label} → ok in ${this.clock.now() - started} ms`);
        return value;
      } catch (raw) {
        const error = raw instanceof SequentumError ? raw : new NetworkError(l10n.t('Unexpected failure: {0}', String(raw)), undefined, { cause: raw });
        if (!IDEMPOTENT_METHODS.has(method)) {
          const final = finalErrorForPost(error, method, url.pathname, sentAt);
          this.log.warn(`${label} failed (${final.kind}): ${forLog(final.message)}`);
          throw final;
        }
        if (!isRetryableForGet(error, this.policy) || attempt + 1 >= this.policy.maxAttempts) {
          if (error instanceof ProblemError && options?.expectedStatuses?.includes(error.status)) this.log.debug(`${label} → ${error.status} (expected by the caller)`);
          else if (!(error instanceof CancelledError)) this.log.warn(`${label} failed (${error.kind}): ${forLog(error.message)}`);
          throw error;
        }
        const retryAfter = error instanceof ProblemError ? error.problem.retryAfterMs : undefined;
        const delay = backoffDelay(this.policy, attempt, retryAfter);
        this.log.info(`${label}: ${forLog(error.message)} — retry ${attempt + 1}/${this.policy.maxAttempts - 1} in ${delay} ms`);
        await sleep(this.clock, delay, signal, () => new CancelledError());
      }
    }
  }

  /** One attempt: hops through redirects; API-origin hops go through the budget. */
  private async attempt<T>(
    method: HttpMethod,
    start: URL,
    lane: RequestPriority,
    signal: AbortSignal,
    { body, headers }: { body: string | undefined; headers: Record<string, string> | undefined },
    consume: (response: FetchResponseLike) => Promise<T>,
    onSend: () => void,
  ): Promise<T> {
    let url = start;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const current = url;
      const onApiOrigin = current.origin === this.endpoint.origin;
      const send = async (responded?: () => void) => {
        onSend();
        // The server may hold an API request in its queue until its window frees: the wait for
        // the answer covers that, or a held GET would be sent twice and a held start turn ambiguous.
        const hopSentAt = this.clock.now();
        const graceMs = onApiOrigin ? () => this.scheduler.holdAllowanceMs(hopSentAt) : undefined;
        const hop = { method, url: current, body, headers, signal, timeoutMs: this.timeoutMs, ...(graceMs ? { graceMs } : {}) };
        const hopResult = await this.transport.hop<HopOutcome<T>>(hop, async (response) => {
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
      // A POST (a run start) is not sent while the server is known to hold our requests.
      const result = onApiOrigin ? await this.scheduler.run(lane, signal, send, { startsWork: method === 'POST' }) : await send();
      const outcome = result.value;
      if (outcome.kind === 'ok') return outcome.value;
      if (outcome.kind === 'redirect') {
        url = this.nextHop(current, outcome.location);
        continue;
      }
      throw new ProblemError(this.problemFrom(result.status, result.headers, outcome.body, onApiOrigin));
    }
    throw new NetworkError(l10n.t('Too many redirects for {0}.', start.pathname), 'TOO_MANY_REDIRECTS');
  }

  private nextHop(current: URL, location: string | null): URL {
    if (!location) throw new MalformedResponseError(l10n.t('Unexpected response from {0}: a redirect without a Location.', current.pathname));
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      throw new MalformedResponseError(l10n.t('Unexpected response from {0}: an invalid redirect target.', current.pathname));
    }
    const insecure = next.protocol === 'http:' && !isLoopbackHost(next.hostname);
    if ((next.protocol !== 'https:' && next.protocol !== 'http:') || (current.protocol === 'https:' && insecure)) {
      throw new NetworkError(l10n.t('Refusing to follow a redirect from {0} to an insecure address.', current.host), 'INSECURE_REDIRECT', { notSent: true, tls: true });
    }
    return next;
  }

  private observeBudgetSignals(status: number, headers: FetchResponseLike['headers']): void {
    this.scheduler.observeLimitHeaders(limitFromHeader(headers.get('x-ratelimit-limit')), windowSecondsFromHeader(headers.get('x-ratelimit-window-seconds')));
    if (status === 429) {
      const retryAfterMs = this.retryAfterOf(headers) ?? backoffDelay(this.policy, 0);
      this.scheduler.pauseFor(Math.min(retryAfterMs, this.policy.maxRetryAfterMs));
    }
  }

  /** Retry-After (seconds or an HTTP date) bounded: at least the retry floor, at most a day. */
  private retryAfterOf(headers: FetchResponseLike['headers']): number | undefined {
    return boundedRetryAfter(parseRetryAfter(headers.get('retry-after'), this.clock.wallNow()));
  }

  private problemFrom(status: number, headers: FetchResponseLike['headers'], body: string, onApiOrigin: boolean): ProblemDetails {
    let retryAfterMs = this.retryAfterOf(headers);
    // The caller (run layer) gets a concrete wait even when the server sent no Retry-After.
    if (status === 429 && onApiOrigin) retryAfterMs ??= backoffDelay(this.policy, 0);
    // A misbehaving proxy may echo request headers into an error page: parseProblem removes this
    // environment's key (whole or in pieces) before it parses or cuts anything.
    return parseProblem({ status, contentType: headers.get('content-type'), body, secrets: [this.apiKey], ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
}

/** Reads (a capped part of) a body nobody needs, so the connection can be reused. */
export async function drain(response: FetchResponseLike): Promise<void> {
  await readCapped(response, MAX_ERROR_BYTES);
}
