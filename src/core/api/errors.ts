import { l10n } from '../text/l10n';

/**
 * Typed errors of the API core. Callers classify failures by `kind` (or the static `is()` guards),
 * never by message text. Messages are for people (translated through the l10n port when the error
 * is made) and never contain the API key.
 */

export type SequentumErrorKind =
  | 'problem'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'ambiguous'
  | 'malformed'
  | 'configuration'
  | 'no-api-key';

/**
 * Every subclass below repeats one shape — `kind`, `retryable`, a constructor that words the message,
 * a static `is()` — and `duplicates` pairs them. Kept on purpose: a typed error per kind with its own
 * `value is X` guard is the house pattern (classify by type, never by message); a generic factory
 * would lose the narrowing each caller relies on.
 */
export abstract class SequentumError extends Error {
  abstract readonly kind: SequentumErrorKind;
  /** Whether repeating the same user action later may succeed (drives the "Retry" action). */
  abstract readonly retryable: boolean;

  static is(value: unknown): value is SequentumError {
    return value instanceof SequentumError;
  }
}

/** One field-level problem from an RFC 9457 `errors` list or an ASP.NET `errors` map. */
export interface FieldProblem {
  /** JSON pointer into the request body ("/inputParameters/url") when the server gave one. */
  pointer?: string;
  /** Field name as the server wrote it ("InputParameters.url"). */
  field?: string;
  detail: string;
}

export interface ProblemDetails {
  /** Problem type URI; "about:blank" when absent. */
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Legacy-shape `errorCode`, e.g. "insufficient_scope". */
  errorCode?: string;
  errors: FieldProblem[];
  /** Which body shape the server used. */
  shape: 'rfc7807' | 'legacy' | 'text' | 'html' | 'empty';
  /** Other members of the body (RFC 9457 extension members, legacy `severity`, …). */
  extensions: Record<string, unknown>;
  /** Retry-After in milliseconds, when the response carried one. */
  retryAfterMs?: number;
}

/** The server answered with an HTTP error status (4xx/5xx), after any retries the policy allows. */
export class ProblemError extends SequentumError {
  readonly kind = 'problem';
  readonly retryable: boolean;

  constructor(readonly problem: ProblemDetails) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ProblemError';
    this.retryable = problem.status === 429 || problem.status >= 500;
  }

  get status(): number {
    return this.problem.status;
  }

  static override is(value: unknown): value is ProblemError {
    return value instanceof ProblemError;
  }
}

/** The request never got an HTTP answer (DNS, refused, reset, TLS). */
export class NetworkError extends SequentumError {
  readonly kind = 'network';
  readonly retryable: boolean;
  /** A TLS/certificate failure: repeating will not help until the certificate or proxy is fixed. */
  readonly tls: boolean;
  /** True when the request certainly never reached the server (refused, DNS, TLS handshake). */
  readonly notSent: boolean;
  constructor(
    message: string,
    readonly code?: string,
    options?: { cause?: unknown; tls?: boolean; notSent?: boolean },
  ) {
    super(message, options);
    this.name = 'NetworkError';
    this.tls = options?.tls ?? false;
    this.notSent = options?.notSent ?? false;
    this.retryable = !this.tls;
  }
  static override is(value: unknown): value is NetworkError {
    return value instanceof NetworkError;
  }
}

/** No answer within the per-request timeout. */
export class TimeoutError extends SequentumError {
  readonly kind = 'timeout';
  readonly retryable = true;
  constructor(readonly timeoutMs: number) {
    super(l10n.t('No answer from the server within {0} s', Math.round(timeoutMs / 1000)));
    this.name = 'TimeoutError';
  }
  static override is(value: unknown): value is TimeoutError {
    return value instanceof TimeoutError;
  }
}

/** The caller cancelled (AbortSignal). Commands show nothing for this. */
export class CancelledError extends SequentumError {
  readonly kind = 'cancelled';
  readonly retryable = false;
  constructor() {
    super(l10n.t('Cancelled'));
    this.name = 'CancelledError';
  }
  static override is(value: unknown): value is CancelledError {
    return value instanceof CancelledError;
  }
}

/**
 * A non-idempotent request (POST) failed without a definite answer — timeout, reset, 5xx, a lost
 * or truncated response — so the server may or may not have acted. Never retried blindly: the
 * run layer reconciles by reading state.
 */
export class AmbiguousRequestError extends SequentumError {
  readonly kind = 'ambiguous';
  readonly retryable = false;
  constructor(
    readonly method: string,
    readonly path: string,
    /** What went wrong underneath (NetworkError, TimeoutError, ProblemError 5xx, MalformedResponseError). */
    override readonly cause: SequentumError,
    /** Epoch ms when the request was sent: reconciliation adopts runs created after this. */
    readonly sentAt: number,
  ) {
    super(l10n.t('The server may or may not have accepted {0} {1}: {2}', method, path, cause.message), { cause });
    this.name = 'AmbiguousRequestError';
  }
  static override is(value: unknown): value is AmbiguousRequestError {
    return value instanceof AmbiguousRequestError;
  }
}

/** A 2xx answer whose body is not what the endpoint returns (not JSON, wrong types, truncated). */
export class MalformedResponseError extends SequentumError {
  readonly kind = 'malformed';
  readonly retryable: boolean;
  /** The body was over the client's size limit and was not read to the end. */
  readonly tooLarge: boolean;
  constructor(message: string, readonly bodyExcerpt?: string, options?: { tooLarge?: boolean }) {
    super(message);
    this.name = 'MalformedResponseError';
    this.tooLarge = options?.tooLarge ?? false;
    // Asking again would bring the same oversized body.
    this.retryable = !this.tooLarge;
  }
  static override is(value: unknown): value is MalformedResponseError {
    return value instanceof MalformedResponseError;
  }
}

/** Settings that cannot be used as they are (e.g. http:// to a non-loopback host). */
export class ConfigurationError extends SequentumError {
  readonly kind = 'configuration';
  readonly retryable = false;
  constructor(message: string, readonly setting?: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
  static override is(value: unknown): value is ConfigurationError {
    return value instanceof ConfigurationError;
  }
}

/** No API key in SecretStorage nor in SEQUENTUM_API_KEY. */
export class NoApiKeyError extends SequentumError {
  readonly kind = 'no-api-key';
  readonly retryable = false;
  constructor() {
    super(l10n.t('No Sequentum API key is set'));
    this.name = 'NoApiKeyError';
  }
  static override is(value: unknown): value is NoApiKeyError {
    return value instanceof NoApiKeyError;
  }
}
