import assert from 'node:assert/strict';
import {
  AmbiguousRequestError,
  CancelledError,
  NetworkError,
  NoApiKeyError,
  ProblemError,
} from '../../../../src/core/api/errors';
import { fieldSegments, pointerSegments, problemDiagnostics } from '../../../../src/core/diagnostics/problemDiagnostics';
import { parseRunConfig } from '../../../../src/core/runConfig/runConfigDocument';
import { fixture, problem, textAt } from '../../../support/runConfigFixtures';

suite('problemDiagnostics', () => {
  const text = fixture('nightly.sequentum.json');
  const entry = parseRunConfig(text).entries[0];
  const map = (error: unknown) => problemDiagnostics(error, entry).map((d) => ({ ...d, at: textAt(text, d.range) }));

  test('RFC 7807 agent-not-found lands on the agentId value with a docs link', () => {
    const [d, ...rest] = map(
      new ProblemError(
        problem({
          type: 'https://docs.sequentum.com/errors/agent-not-found',
          title: 'Agent not found',
          status: 404,
          detail: 'Agent 4711 was not found',
        }),
      ),
    );
    assert.equal(rest.length, 0);
    assert.equal(d.at, '4711');
    assert.equal(d.severity, 'error');
    assert.equal(d.message, 'Agent not found: Agent 4711 was not found');
    assert.deepEqual(d.code, { value: 'agent-not-found', target: 'https://docs.sequentum.com/errors/agent-not-found' });
    assert.equal(d.origin, 'server');
    assert.equal(d.entryIndex, 0);
  });

  test('a plain 404 without a type is also about the agent; a 404 about something else is not', () => {
    assert.equal(map(new ProblemError(problem({ status: 404, title: 'Not Found' })))[0].at, '4711');
    const pool = map(new ProblemError(problem({ status: 404, title: 'Proxy pool not found', type: 'https://docs.sequentum.com/errors/proxy-pool-not-found' })));
    assert.equal(pool[0].at, '"Nightly products"');
  });

  test('RFC 9457 errors with JSON pointers land on each named field', () => {
    const diags = map(
      new ProblemError(
        problem({
          type: 'https://docs.sequentum.com/errors/validation',
          title: 'Validation failed.',
          status: 422,
          errors: [
            { pointer: '/inputParameters/url', detail: 'The url must use https.' },
            { pointer: '#/parallelism', detail: 'Parallelism must be between 1 and 50.' },
            { pointer: '/inputParameters/my.page', detail: 'Page must be text.' },
          ],
        }),
      ),
    );
    assert.deepEqual(
      diags.map((d) => [d.at, d.message, d.severity]),
      [
        ['"https://example.com/products"', 'Validation failed. The url must use https.', 'error'],
        ['1', 'Validation failed. Parallelism must be between 1 and 50.', 'error'],
        ['2', 'Validation failed. Page must be text.', 'error'],
      ],
    );
    assert.equal(diags[0].code?.value, 'validation');
  });

  test('the ASP.NET errors map lands on fields case-insensitively, also with $. and model prefixes', () => {
    const diags = map(
      new ProblemError(
        problem({
          type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
          title: 'One or more validation errors occurred.',
          status: 400,
          errors: [
            { field: 'InputParameters.url', detail: 'The url field is invalid.' },
            { field: '$.LogLevel', detail: 'Unknown log level.' },
            { field: 'request.Parallelism', detail: 'Too high.' },
            { field: 'InputParameters.my.page', detail: 'Dotted name.' },
          ],
        }),
      ),
    );
    assert.deepEqual(diags.map((d) => d.at), ['"https://example.com/products"', '"Info"', '1', '2']);
    assert.equal(diags[0].code?.value, 'rfc9110', 'slug of the type URL path');
  });

  test('a field that is not in the entry goes to its nearest parent key, else the name, and is named in the text', () => {
    const diags = map(
      new ProblemError(
        problem({
          status: 422,
          title: 'Invalid input',
          errors: [
            { pointer: '/inputParameters/category', detail: 'Required.' },
            { field: 'ProxyPoolId', detail: 'No such pool.' },
          ],
        }),
      ),
    );
    assert.deepEqual(
      diags.map((d) => [d.at, d.message]),
      [
        ['inputParameters', 'Invalid input: /inputParameters/category: Required.'],
        ['"Nightly products"', 'Invalid input: ProxyPoolId: No such pool.'],
      ],
    );
  });

  test('409 conflict lands on the entry name, even with field errors', () => {
    const [d] = map(
      new ProblemError(
        problem({
          type: 'https://docs.sequentum.com/errors/agent-busy',
          status: 409,
          title: 'Conflict',
          detail: 'Agent 4711 is exclusive and already running',
          errors: [{ field: 'IsExclusive', detail: 'x' }],
        }),
      ),
    );
    assert.equal(d.at, '"Nightly products"');
    assert.equal(d.message, 'Conflict: Agent 4711 is exclusive and already running');
    assert.equal(d.code?.value, 'agent-busy');
  });

  test('legacy {statusCode, statusDescription, message, errorCode} lands on the name with its error code', () => {
    const [d] = map(
      new ProblemError(problem({ shape: 'legacy', status: 403, title: 'Forbidden', detail: 'Missing scope agents:write', errorCode: 'insufficient_scope' })),
    );
    assert.equal(d.at, '"Nightly products"');
    assert.deepEqual(d.code, { value: 'insufficient_scope' });
    assert.equal(d.severity, 'error');
  });

  test('non-JSON 502 after retries is a warning on the name with the status as code, markup stripped', () => {
    const [d] = map(
      new ProblemError(problem({ shape: 'text', status: 502, title: 'Bad Gateway', detail: '<html><body><h1>502 Bad Gateway</h1></body></html>' })),
    );
    assert.equal(d.at, '"Nightly products"');
    assert.equal(d.severity, 'warning');
    assert.equal(d.message, 'Bad Gateway: 502 Bad Gateway');
    assert.deepEqual(d.code, { value: '502' });
  });

  test('429 and an ambiguous start wrapping a 503 are warnings', () => {
    assert.equal(map(new ProblemError(problem({ status: 429, title: 'Too Many Requests' })))[0].severity, 'warning');
    const cause = new ProblemError(problem({ status: 503, title: 'Service Unavailable' }));
    const [d] = map(new AmbiguousRequestError('POST', '/api/v1/agent/4711/start', cause, 0));
    assert.equal(d.severity, 'warning');
    assert.deepEqual(d.code, { value: '503' });
  });

  test('about:blank gives no docs link; network failure is a warning; cancelled and no key give nothing', () => {
    assert.equal(map(new ProblemError(problem({ status: 400, title: 'Bad Request' })))[0].code?.target, undefined);
    const [net] = map(new NetworkError('connect ECONNREFUSED 127.0.0.1:1'));
    assert.equal(net.severity, 'warning');
    assert.equal(net.at, '"Nightly products"');
    assert.deepEqual(map(new CancelledError()), []);
    assert.deepEqual(map(new NoApiKeyError()), []);
    assert.deepEqual(map(new Error('boom')), []);
  });

  test('entries without a name use their opening brace', () => {
    const bare = '{"runs":[{"agentId":5}]}';
    const [d] = problemDiagnostics(new ProblemError(problem({ status: 409, title: 'Conflict' })), parseRunConfig(bare).entries[0]);
    assert.equal(textAt(bare, d.range), '{');
  });

  test('pointer and field syntax', () => {
    assert.deepEqual(pointerSegments('/inputParameters/a~1b~0c'), ['inputParameters', 'a/b~c']);
    assert.deepEqual(pointerSegments(''), []);
    assert.deepEqual(pointerSegments('#/inputParameters/a%20b'), ['inputParameters', 'a b']);
  });

  test('broken percent escapes from the server do not throw: kept as they are', () => {
    assert.deepEqual(pointerSegments('#/inputParameters/%E0%A4%A'), ['inputParameters', '%E0%A4%A']);
    const diags = map(new ProblemError(problem({ type: 'https://docs.sequentum.com/errors/bad%zz', title: 'Odd', status: 422, errors: [{ pointer: '#/%zz', detail: 'x' }] })));
    assert.equal(diags[0].code?.value, 'bad%zz');
    assert.deepEqual(fieldSegments("$.InputParameters['a b'].x[0]"), ['InputParameters', 'a b', 'x', '0']);
  });
});
