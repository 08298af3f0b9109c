import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { timerDelay } from '../clock';
import { l10n } from '../text/l10n';
import { CancelledError, NetworkError, SequentumError, TimeoutError } from './errors';

/** The subset of a fetch Response the core reads (node-fetch 3 and the global fetch both fit). */
export interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  /** A Node Readable (node-fetch) or a web ReadableStream (global fetch). */
  body: unknown;
  text(): Promise<string>;
}

export interface FetchInitLike {
  method: string;
  headers: Record<string, string>;
  body?: string;
  redirect: 'manual';
  signal: AbortSignal;
}

/** Injectable transport for tests; defaults to node-fetch 3. */
export type FetchLike = (url: string, init: FetchInitLike) => Promise<FetchResponseLike>;

// node-fetch sends `Connection: close` without an agent: a new TCP (and TLS) handshake per request
// would cost more than the request itself. Keep-alive agents reuse connections.
const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgent = new HttpsAgent({ keepAlive: true });

export const defaultFetch: FetchLike = async (url, init) => {
  // Loaded on the first request rather than at activation (its own file: esbuild.js VENDOR_BUNDLES).
  const { default: nodeFetch } = await import('node-fetch');
  return nodeFetch(url, { ...init, agent: (parsed: URL) => (parsed.protocol === 'http:' ? httpAgent : httpsAgent) });
};

/** The methods the API uses (§5). */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HopRequest {
  method: HttpMethod;
  url: URL;
  body?: string;
  signal?: AbortSignal;
  timeoutMs: number;
  /** Extra request headers (a download's Range); they cannot set or remove Authorization. */
  headers?: Record<string, string>;
  /**
   * Asked once when `timeoutMs` runs out: more time to wait (ms), or 0 to give up now. The API's
   * server holds requests in its queue while its window is full; a request it holds is not lost.
   */
  graceMs?: () => number;
}

export interface HopResponse<T> {
  status: number;
  headers: FetchResponseLike['headers'];
  value: T;
}

export interface TransportOptions {
  fetch: FetchLike;
  /** The only origin that ever receives the Authorization header. */
  authOrigin: string;
  apiKey: string;
  userAgent: string;
}

/**
 * One HTTP exchange without following redirects: headers, timeout (covering the body too),
 * cancellation, and mapping of low-level failures onto the typed errors. The API key is attached
 * here and only here, and only when the URL's origin is the configured base origin — so neither
 * a redirect nor a caller mistake can send it anywhere else.
 */
export class Transport {
  constructor(private readonly options: TransportOptions) {}

  async hop<T>(request: HopRequest, consume: (response: FetchResponseLike, signal: AbortSignal) => Promise<T>): Promise<HopResponse<T>> {
    const { signal: callerSignal, timeoutMs } = request;
    if (callerSignal?.aborted) throw new CancelledError();
    const controller = new AbortController();
    let timedOut = false;
    let waitedMs = timeoutMs;
    const expire = (): void => {
      timedOut = true;
      controller.abort();
    };
    let timer = setTimeout(() => {
      const grace = timerDelay(request.graceMs?.() ?? 0);
      if (grace <= 0) return expire();
      waitedMs += grace;
      timer = setTimeout(expire, grace);
    }, timerDelay(timeoutMs));
    const onAbort = (): void => controller.abort();
    callerSignal?.addEventListener('abort', onAbort, { once: true });
    const headers: Record<string, string> = {
      Accept: 'application/json, text/plain;q=0.9, */*;q=0.8',
      'User-Agent': this.options.userAgent,
      ...withoutAuthorization(request.headers),
    };
    if (request.url.origin === this.options.authOrigin) headers.Authorization = `ApiKey ${this.options.apiKey}`;
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      const init: FetchInitLike = { method: request.method, headers, redirect: 'manual', signal: controller.signal };
      if (request.body !== undefined) init.body = request.body;
      let response: FetchResponseLike;
      let received = false;
      try {
        response = await this.options.fetch(request.url.href, init);
        received = true;
        const value = await consume(response, controller.signal);
        return { status: response.status, headers: response.headers, value };
      } catch (error) {
        if (error instanceof SequentumError && !(error instanceof CancelledError)) throw error;
        if (timedOut) throw new TimeoutError(waitedMs);
        if (callerSignal?.aborted) throw new CancelledError();
        throw toNetworkError(error, request.url, received);
      }
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onAbort);
    }
  }
}

function withoutAuthorization(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'authorization'));
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL']);
const TLS_CODE = /CERT|TLS|SSL|^EPROTO$|^UNABLE_TO_(GET|VERIFY)|^HOSTNAME_MISMATCH$/;

/** Maps fetch/socket failures; the message names the host and code, never headers or the key. */
export function toNetworkError(error: unknown, url: URL, responseStarted: boolean): NetworkError {
  const code = findCode(error);
  const host = url.host;
  if (code && TLS_CODE.test(code)) {
    return new NetworkError(
      l10n.t(
        'TLS/certificate error talking to {0} ({1}): the secure connection could not be verified. Check the certificate, a proxy that intercepts HTTPS, or the system clock.',
        host,
        code,
      ),
      code,
      { cause: error, tls: true, notSent: true },
    );
  }
  if (responseStarted) {
    const message = code
      ? l10n.t('The connection to {0} broke while reading the response ({1}).', host, code)
      : l10n.t('The connection to {0} broke while reading the response.', host);
    return new NetworkError(message, code, { cause: error });
  }
  const notSent = code !== undefined && NOT_SENT_CODES.has(code);
  const message = code ? l10n.t('Could not reach {0} ({1}).', host, code) : l10n.t('Could not reach {0}.', host);
  return new NetworkError(message, code, { cause: error, notSent });
}

function findCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A body read up to a byte limit: `complete` is false when the server had more to send. */
export interface CappedBody {
  bytes: Uint8Array;
  complete: boolean;
}

/**
 * Reads at most `maxBytes` of a body. Past the limit (or when Content-Length already says the
 * body is larger and `failFast` is set) the stream is cancelled — a hostile or broken server
 * cannot make us hold, download or parse tens of megabytes to report one error.
 */
export async function readCapped(response: FetchResponseLike, maxBytes: number, failFast = false): Promise<CappedBody> {
  const total = declaredLength(response);
  if (failFast && total !== undefined && total > maxBytes) {
    cancelBody(response.body);
    return { bytes: new Uint8Array(0), complete: false };
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  // Leaving the loop early ends the iterator, which destroys/cancels the underlying stream.
  for await (const chunk of iterate(response.body)) {
    const room = maxBytes - received;
    if (chunk.byteLength > room) {
      if (room > 0) chunks.push(chunk.subarray(0, room));
      return { bytes: concat(chunks, maxBytes), complete: false };
    }
    chunks.push(chunk);
    received += chunk.byteLength;
  }
  return { bytes: concat(chunks, received), complete: true };
}

function declaredLength(response: FetchResponseLike): number | undefined {
  const lengthHeader = response.headers.get('content-length');
  return lengthHeader && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const result = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    result.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return result;
}

function cancelBody(body: unknown): void {
  if (body === null || typeof body !== 'object') return;
  const stream = body as { destroy?: () => void; cancel?: () => Promise<void> };
  if (typeof stream.destroy === 'function') stream.destroy();
  else if (typeof stream.cancel === 'function') stream.cancel().catch(() => undefined);
}

async function* iterate(body: unknown): AsyncGenerator<Uint8Array> {
  if (body === null || body === undefined) return;
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    for await (const chunk of body as AsyncIterable<unknown>) yield toBytes(chunk);
    return;
  }
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // The consumer stopped early (a byte limit): tell the server we want no more.
    if (!done) reader.cancel().catch(() => undefined);
  }
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return new TextEncoder().encode(chunk);
  // A bug in a fetch implementation, not a server answer: English, for the log and a bug report.
  throw new TypeError('Unexpected body chunk');
}
