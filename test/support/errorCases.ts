import {
  AmbiguousRequestError,
  CancelledError,
  ConfigurationError,
  MalformedResponseError,
  NetworkError,
  NoApiKeyError,
  ProblemError,
  TimeoutError,
  type ProblemDetails,
} from '../../src/core/api/errors';
import type { ErrorCause } from '../../src/core/errors/describeError';

/** A ProblemError as the API core produces it; fields not given take RFC 9457 defaults. */
export function problem(status: number, title: string, extra: Partial<ProblemDetails> = {}): ProblemError {
  return new ProblemError({ type: 'about:blank', title, status, errors: [], shape: 'rfc7807', extensions: {}, ...extra });
}

/**
 * One error of every cause the error mapping knows (typed by cause, so a new cause fails to
 * compile here until it has a case): the tests of each caller of the mapping loop over these.
 */
export const ONE_ERROR_PER_CAUSE: Record<ErrorCause, Error> = {
  'key-rejected': problem(401, 'Unauthorized', { detail: 'Key expired' }),
  'no-access': problem(403, 'Forbidden'),
  'not-found': problem(404, 'Not Found'),
  conflict: problem(409, 'Agent is exclusive'),
  'invalid-request': problem(422, 'Unprocessable Entity', { detail: 'url is required' }),
  'rate-limited': problem(429, 'Too Many Requests', { retryAfterMs: 12_000 }),
  'server-error': problem(503, 'Service Unavailable', { type: 'https://docs.sequentum.com/errors/maintenance', detail: 'Back soon' }),
  refused: problem(418, "I'm a teapot"),
  unreachable: new NetworkError('connect ECONNREFUSED', 'ECONNREFUSED'),
  timeout: new TimeoutError(30_000),
  ambiguous: new AmbiguousRequestError('POST', '/agent/1/start', new NetworkError('socket hang up', 'ECONNRESET'), 0),
  malformed: new MalformedResponseError('not JSON'),
  configuration: new ConfigurationError('Refusing plain http:// for example.com', 'sequentum.baseUrl'),
  'no-api-key': new NoApiKeyError(),
  cancelled: new CancelledError(),
  unexpected: new TypeError('x is undefined'),
};
