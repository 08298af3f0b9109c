import assert from 'node:assert/strict';
import {
  AmbiguousRequestError,
  CancelledError,
  ConfigurationError,
  MalformedResponseError,
  NetworkError,
  NoApiKeyError,
  TimeoutError,
} from '../../../../src/core/api/errors';
import { describeError, errorCause, type ErrorCause, type ErrorDescription } from '../../../../src/core/errors/describeError';
import { ONE_ERROR_PER_CAUSE, problem } from '../../../support/errorCases';

const CONTEXT = { host: 'dashboard.example.com', scope: 'space' as const, now: 1_000_000 };

/** Every cause the mapping knows, with one error of that cause and what each surface gets. */
const CASES: [ErrorCause, unknown, Pick<ErrorDescription, 'label' | 'shortCause' | 'message' | 'severity' | 'listActions' | 'remedy' | 'needsKey'>][] = [
  ['key-rejected', problem(401, 'Unauthorized', { detail: 'Key expired' }), {
    label: 'API key rejected (401)', shortCause: 'API key rejected', message: 'Unauthorized: Key expired: Check the API key (Sequentum: Set API Key).',
    severity: 'error', listActions: ['setApiKey'], remedy: 'setApiKey', needsKey: true,
  }],
  ['no-access', problem(403, 'Forbidden'), {
    label: 'No access to this space', shortCause: 'no access', message: 'Forbidden: The API key has no access to this.',
    severity: 'error', listActions: ['retry'], remedy: undefined, needsKey: true,
  }],
  ['not-found', problem(404, 'Not Found'), {
    label: 'Not found on the server (404)', shortCause: 'not found', message: 'Not Found',
    severity: 'error', listActions: ['retry'], remedy: undefined, needsKey: false,
  }],
  ['conflict', problem(409, 'Agent is exclusive'), {
    label: 'Request refused (409)', shortCause: 'HTTP 409', message: 'Agent is exclusive',
    severity: 'error', listActions: ['showLog', 'retry'], remedy: undefined, needsKey: false,
  }],
  ['invalid-request', problem(422, 'Unprocessable Entity', { detail: 'url is required' }), {
    label: 'Request refused (422)', shortCause: 'HTTP 422', message: 'Unprocessable Entity: url is required',
    severity: 'error', listActions: ['showLog', 'retry'], remedy: undefined, needsKey: false,
  }],
  ['rate-limited', problem(429, 'Too Many Requests', { retryAfterMs: 12_000 }), {
    label: 'Rate limited — budget frees in 12 s', shortCause: 'rate limited', message: 'Too Many Requests',
    severity: 'warning', listActions: ['retry'], remedy: undefined, needsKey: false,
  }],
  ['server-error', problem(503, 'Service Unavailable', { detail: 'Back soon' }), {
    label: 'Sequentum server error (503)', shortCause: 'server error 503', message: 'Service Unavailable: Back soon',
    severity: 'warning', listActions: ['retry', 'showLog'], remedy: undefined, needsKey: false,
  }],
  ['refused', problem(418, "I'm a teapot"), {
    label: 'Request refused (418)', shortCause: 'HTTP 418', message: "I'm a teapot",
    severity: 'error', listActions: ['showLog', 'retry'], remedy: undefined, needsKey: false,
  }],
  ['unreachable', new NetworkError('connect ECONNREFUSED', 'ECONNREFUSED'), {
    label: 'Cannot reach dashboard.example.com', shortCause: 'offline', message: 'Cannot reach the Sequentum server: connect ECONNREFUSED',
    severity: 'error', listActions: ['retry', 'showLog'], remedy: undefined, needsKey: false,
  }],
  ['timeout', new TimeoutError(30_000), {
    label: 'No answer from dashboard.example.com', shortCause: 'timed out', message: 'The Sequentum server did not answer in time: No answer from the server within 30 s',
    severity: 'error', listActions: ['retry', 'showLog'], remedy: undefined, needsKey: false,
  }],
  ['ambiguous', new AmbiguousRequestError('POST', '/agent/1/start', new NetworkError('socket hang up', 'ECONNRESET'), 0), {
    label: 'Unexpected error while loading', shortCause: 'error', message: 'The server may or may not have done this: The server may or may not have accepted POST /agent/1/start: socket hang up',
    severity: 'error', listActions: ['showLog', 'retry'], remedy: undefined, needsKey: false,
  }],
  ['malformed', new MalformedResponseError('not JSON'), {
    label: 'Unexpected answer from server', shortCause: 'unexpected answer', message: 'The server sent an answer the extension cannot read: not JSON',
    severity: 'error', listActions: ['showLog', 'retry'], remedy: undefined, needsKey: false,
  }],
  ['configuration', new ConfigurationError('Refusing plain http:// for example.com', 'sequentum.baseUrl'), {
    label: 'Settings problem: Refusing plain http:// for example.com', shortCause: 'settings problem', message: 'Refusing plain http:// for example.com',
    severity: 'error', listActions: ['openSettings'], remedy: undefined, needsKey: false,
  }],
  ['no-api-key', new NoApiKeyError(), {
    label: 'No API key set', shortCause: 'no API key', message: 'No Sequentum API key is set. Set one to connect.',
    severity: 'error', listActions: ['setApiKey'], remedy: 'setApiKey', needsKey: true,
  }],
  ['cancelled', new CancelledError(), {
    label: 'Loading was cancelled', shortCause: 'cancelled', message: 'Cancelled',
    severity: 'error', listActions: ['retry'], remedy: undefined, needsKey: false,
  }],
  ['unexpected', new TypeError('x is undefined'), {
    label: 'Unexpected error while loading', shortCause: 'error', message: 'Something went wrong: x is undefined',
    severity: 'error', listActions: ['showLog', 'retry'], remedy: undefined, needsKey: false,
  }],
];

suite('describeError: the one error → words + actions mapping', () => {
  for (const [cause, error, expected] of CASES) {
    test(`${cause}: label, short cause, message, severity, actions`, () => {
      const described = describeError(error, CONTEXT);
      assert.equal(described.cause, cause);
      const { label, shortCause, message, severity, listActions, remedy, needsKey } = described;
      assert.deepEqual({ label, shortCause, message, severity, listActions, remedy, needsKey }, expected);
    });
  }

  test('every cause of the union is covered above, and by the cases the callers\' tests use', () => {
    const covered = new Set(CASES.map(([cause]) => cause));
    assert.equal(covered.size, CASES.length);
    assert.deepEqual([...covered].sort(), Object.keys(ONE_ERROR_PER_CAUSE).sort());
    for (const [cause, error] of Object.entries(ONE_ERROR_PER_CAUSE)) assert.equal(errorCause(error), cause);
  });

  test('status, not text, decides: 410 is not-found, insufficient_scope is no-access, any 5xx a server error', () => {
    assert.equal(errorCause(problem(410, 'Gone')), 'not-found');
    assert.equal(errorCause(problem(400, 'Bad Request', { errorCode: 'insufficient_scope' })), 'no-access');
    assert.equal(errorCause(problem(400, 'Unauthorized')), 'invalid-request', 'a misleading title changes nothing');
    assert.equal(errorCause(problem(599, 'x')), 'server-error');
    assert.equal(errorCause(Object.assign(new Error('Cancelled'), { name: 'CancelledError' })), 'unexpected', 'a look-alike is not ours');
  });

  test('an ambiguous POST wrapping an HTTP answer is told as that answer, with its problem and server detail', () => {
    const wrapped = new AmbiguousRequestError('POST', '/agent/1/start', problem(503, 'Service Unavailable', { detail: 'Back soon' }), 0);
    const described = describeError(wrapped);
    assert.equal(described.cause, 'server-error');
    assert.equal(described.problem?.status, 503);
    assert.equal(described.serverDetail, 'Back soon');
    assert.equal(described.severity, 'warning');
  });

  test('without a context: "the server", the root wording, and a 429 without a known wait', () => {
    assert.equal(describeError(new NetworkError('x')).label, 'Cannot reach the server');
    assert.equal(describeError(problem(403, 'Forbidden')).label, 'No access (403)');
    assert.equal(describeError(problem(429, 'Too Many Requests', { retryAfterMs: 5000 })).label, 'Rate limited — try again shortly');
    assert.equal(describeError(problem(429, 'Too Many Requests'), { now: 0, pausedUntil: 2500 }).label, 'Rate limited — budget frees in 3 s');
  });

  test('server text reaches only message and serverDetail, cleaned of markup and control characters', () => {
    const hostile = problem(500, '<b>Boom</b>', { detail: '\u001b[31mred\u001b[0m \u202eevil' });
    const described = describeError(hostile, CONTEXT);
    assert.equal(described.label, 'Sequentum server error (500)');
    assert.equal(described.message, 'Boom: red evil');
    assert.equal(described.serverDetail, '\u001b[31mred\u001b[0m \u202eevil', 'raw: the tooltip escapes it');
  });
});
