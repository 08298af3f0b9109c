import * as assert from 'node:assert/strict';
import { createSequentumClient, type SequentumClient } from '../../../../src/core/api/client';
import { ProblemError } from '../../../../src/core/api/errors';
import { problemCause } from '../../../../src/core/errors/describeError';
import {
  MAX_DETAIL_CHARS,
  MAX_FIELD_ERRORS,
  MAX_TITLE_CHARS,
  parseProblem,
  parseRetryAfter,
} from '../../../../src/core/api/problemDetails';
import { clientOptions, json, settle, simulatorClientFixture, startTestServer, text, type TestServer } from '../../../support/httpServer';

/** Serves one error response and returns the ProblemError the client produced. */
async function problemFor(server: TestServer, client: SequentumClient, status: number, body: string, contentType = 'application/json') {
  server.handle((_req, res) => text(res, status, body, contentType));
  const result = await settle(client.getAgent(1));
  assert.ok(!result.ok && result.error instanceof ProblemError, 'expected a ProblemError');
  return result.error;
}

suite('API core: problem details over HTTP', () => {
  let server: TestServer;
  let client: SequentumClient;
  setup(async () => {
    server = await startTestServer();
    client = createSequentumClient(clientOptions(server.origin));
  });
  teardown(async () => {
    client.dispose();
    await server.close();
  });

  test('RFC 7807 with extension members', async () => {
    const error = await problemFor(server, client, 404, JSON.stringify({
      type: 'https://docs.sequentum.com/errors/agent-not-found', title: 'Agent not found', status: 404,
      detail: 'No agent 1', instance: '/api/v1/agent/1', traceId: '00-abc',
    }), 'application/problem+json');
    assert.deepEqual(error.problem, {
      type: 'https://docs.sequentum.com/errors/agent-not-found', title: 'Agent not found', status: 404,
      detail: 'No agent 1', instance: '/api/v1/agent/1', errors: [], shape: 'rfc7807', extensions: { traceId: '00-abc' },
    });
    assert.equal(problemCause(error.problem), 'not-found');
  });

  test('RFC 9457 errors list with pointers', async () => {
    const error = await problemFor(server, client, 422, JSON.stringify({
      type: 'https://docs.sequentum.com/errors/validation', title: 'Invalid input', status: 422,
      errors: [{ pointer: '/inputParameters/url', detail: 'must be a URL' }, { detail: 'second' }],
    }));
    assert.deepEqual(error.problem.errors, [{ detail: 'must be a URL', pointer: '/inputParameters/url' }, { detail: 'second' }]);
    assert.equal(problemCause(error.problem), 'invalid-request');
  });

  test('ASP.NET validation map', async () => {
    const error = await problemFor(server, client, 400, JSON.stringify({
      type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1', title: 'One or more validation errors occurred.', status: 400,
      errors: { 'InputParameters.url': ['The url field is required.', 'Too short.'], Parallelism: ['Out of range.'] },
    }));
    assert.deepEqual(error.problem.errors, [
      { field: 'InputParameters.url', detail: 'The url field is required.' },
      { field: 'InputParameters.url', detail: 'Too short.' },
      { field: 'Parallelism', detail: 'Out of range.' },
    ]);
  });

  test('legacy {statusCode, statusDescription, message, errorCode, severity}', async () => {
    const error = await problemFor(server, client, 403, JSON.stringify({
      statusCode: 403, statusDescription: 'Forbidden', message: 'Missing scope agents:read', errorCode: 'insufficient_scope', severity: 'Error',
    }));
    assert.equal(error.problem.shape, 'legacy');
    assert.equal(error.problem.title, 'Forbidden');
    assert.equal(error.problem.detail, 'Missing scope agents:read');
    assert.equal(error.problem.errorCode, 'insufficient_scope');
    assert.deepEqual(error.problem.extensions, {});
    assert.equal(problemCause(error.problem), 'no-access');
  });

  test('legacy without description: title from the status', async () => {
    const error = await problemFor(server, client, 400, JSON.stringify({ statusCode: 400, message: 'Bad agent id' }));
    assert.equal(error.problem.title, 'Bad Request');
    assert.equal(error.problem.detail, 'Bad agent id');
  });

  test('plain text, capped at a few hundred characters', async () => {
    const error = await problemFor(server, client, 409, 'x'.repeat(2000), 'text/plain');
    assert.equal(error.problem.shape, 'text');
    assert.equal(error.problem.title, 'Conflict');
    assert.equal(MAX_DETAIL_CHARS, 300);
    assert.equal(error.problem.detail, `${'x'.repeat(299)}…`);
  });

  test('RFC 7807 title, detail and errors are capped too', async () => {
    const error = await problemFor(server, client, 422, JSON.stringify({
      title: 'T'.repeat(5000), status: 422, detail: 'D'.repeat(5000),
      // Under the 64 KB read limit, so the JSON arrives whole.
      errors: Array.from({ length: 100 }, (_, i) => ({ pointer: `/p${i}`, detail: 'e'.repeat(400) })),
    }), 'application/problem+json');
    assert.equal(error.problem.title, `${'T'.repeat(MAX_TITLE_CHARS - 1)}…`);
    assert.equal(error.problem.detail, `${'D'.repeat(MAX_DETAIL_CHARS - 1)}…`);
    assert.equal(error.problem.errors.length, MAX_FIELD_ERRORS);
    assert.ok(error.problem.errors.every((e) => e.detail.length === MAX_DETAIL_CHARS));
    assert.equal(error.message.length, MAX_TITLE_CHARS + 2 + MAX_DETAIL_CHARS);
  });

  test('a long legacy statusDescription is capped', async () => {
    const error = await problemFor(server, client, 400, JSON.stringify({ statusCode: 400, statusDescription: 'S'.repeat(5000), message: 'm' }));
    assert.equal(error.problem.title.length, MAX_TITLE_CHARS);
  });

  for (const body of ['null', ' null ', '{}', '[]', '""']) {
    test(`500 with the JSON body ${body.trim()} reads "Internal Server Error"`, async () => {
      const error = await problemFor(server, client, 500, body);
      assert.equal(error.message, 'Internal Server Error');
      assert.equal(error.problem.detail, undefined);
      assert.equal(error.problem.shape, 'empty');
    });
  }

  test('HTML page stripped to text, <title> as title, scripts dropped', async () => {
    const html = '<!DOCTYPE html><html><head><title>Gateway &amp; Proxy</title><style>p{}</style></head><body><script>alert(1)</script><h1>Oops</h1><p>Try&nbsp;again</p></body></html>';
    const error = await problemFor(server, client, 418, html, 'text/html; charset=utf-8');
    assert.equal(error.problem.shape, 'html');
    assert.equal(error.problem.title, 'Gateway & Proxy');
    assert.equal(error.problem.detail, 'Oops Try again');
  });

  for (const status of [401, 403, 404, 409]) {
    test(`empty ${status} body: title from the status, never empty`, async () => {
      const error = await problemFor(server, client, status, '');
      assert.equal(error.problem.shape, 'empty');
      assert.ok(error.problem.title.length > 0);
      assert.equal(error.message, error.problem.title);
    });
  }

  test('empty 401 is "Unauthorized"', async () => {
    const error = await problemFor(server, client, 401, '');
    assert.equal(error.problem.title, 'Unauthorized');
    assert.equal(problemCause(error.problem), 'key-rejected');
  });

  test('JSON that is neither shape keeps its text as detail', async () => {
    const error = await problemFor(server, client, 400, JSON.stringify({ error: 'invalid_request', error_description: 'bad' }));
    assert.equal(error.problem.title, 'Bad Request');
    assert.equal(error.problem.detail, 'bad');
    assert.equal(error.problem.errorCode, 'invalid_request');
  });

  test('classification ignores message text', async () => {
    const error = await problemFor(server, client, 409, JSON.stringify({ title: 'Not found', detail: 'unauthorized rate limit 404' }));
    assert.equal(problemCause(error.problem), 'conflict');
  });

  test('429 carries retryAfterMs', async () => {
    server.handle((_req, res) => json(res, 429, { title: 'Too Many Requests', status: 429 }, { 'Retry-After': '2' }));
    const result = await settle(client.stopRun(1, 2));
    assert.ok(!result.ok && result.error instanceof ProblemError);
    assert.equal(result.error.problem.retryAfterMs, 2000);
    assert.equal(problemCause(result.error.problem), 'rate-limited');
  });
});

suite('API core: problem details helpers', () => {
  test('Retry-After as seconds or HTTP-date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });

  test('unknown status gets a generic but non-empty title', () => {
    assert.equal(parseProblem({ status: 599, body: '' }).title, 'HTTP 599');
  });
});

suite('API core: every simulator error shape', () => {
  const fixture = simulatorClientFixture();

  for (const shape of ['rfc7807', 'legacy', 'text', 'html', 'html502', 'empty'] as const) {
    test(`404 as ${shape}`, async () => {
      fixture.sim.control.setErrorShape(shape);
      const result = await settle(fixture.client.getAgent(987654));
      assert.ok(!result.ok && result.error instanceof ProblemError);
      // html502 is a gateway page that replaces the API's answer with a 502.
      const expected = shape === 'html502' ? 502 : 404;
      assert.equal(result.error.status, expected);
      assert.ok(result.error.problem.title.trim().length > 0);
      assert.ok((result.error.problem.detail ?? '').length <= MAX_DETAIL_CHARS);
      assert.equal(problemCause(result.error.problem), expected === 502 ? 'server-error' : 'not-found');
      if (shape.startsWith('html')) assert.ok(!/[<>]/.test(result.error.problem.detail ?? ''), 'HTML stripped');
    });
  }

  test('401 for a wrong key, whatever the shape', async () => {
    fixture.sim.control.setErrorShape('rfc7807');
    const wrong = createSequentumClient({ ...clientOptions(fixture.sim.baseUrl), apiKey: 'sk-wrong-key-000000' });
    const result = await settle(wrong.listSpaces());
    wrong.dispose();
    assert.ok(!result.ok && result.error instanceof ProblemError);
    assert.equal(problemCause(result.error.problem), 'key-rejected');
  });
});
