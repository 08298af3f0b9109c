import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../../simulator/index';
import { createSequentumClient, type SequentumClient } from '../../../../src/core/api/client';
import {
  AmbiguousRequestError,
  MalformedResponseError,
  NetworkError,
  ProblemError,
  TimeoutError,
} from '../../../../src/core/api/errors';
import { clientOptions, json, RecordingClock, settle, startTestServer, text, type TestServer } from '../../../support/httpServer';

const AGENTS = [{ id: 1, name: 'A', status: 10 }];
const RUN = { id: 77, configId: 1, status: 4 };

suite('API core: retry policy (real HTTP)', () => {
  let server: TestServer;
  let client: SequentumClient;
  let clock: RecordingClock;

  setup(async () => {
    server = await startTestServer();
    clock = new RecordingClock();
    client = createSequentumClient(clientOptions(server.origin, { clock, timeoutMs: 300 }));
  });

  teardown(async () => {
    client.dispose();
    await server.close();
  });

  test('GET 503 is retried with exponential backoff, then succeeds', async () => {
    server.handle((_req, res, i) => (i < 2 ? text(res, 503, 'busy') : json(res, 200, AGENTS)));
    const page = await client.listAgents();
    assert.equal(page.items.length, 1);
    assert.equal(server.requests.length, 3);
    assert.deepEqual(clock.sleeps, [1000, 2000]); // random 0.5 → no jitter
  });

  test('GET 5xx gives up after 4 attempts with the last problem; waits 1 s, 2 s, 4 s', async () => {
    server.handle((_req, res) => text(res, 502, '<html><title>502 Bad Gateway</title><body>nginx</body></html>', 'text/html'));
    const result = await settle(client.listSpaces());
    assert.ok(!result.ok && result.error instanceof ProblemError);
    assert.equal(result.error.status, 502);
    assert.equal(result.error.problem.shape, 'html');
    assert.equal(server.requests.length, 4);
    assert.deepEqual(clock.sleeps, [1000, 2000, 4000]);
  });

  test('jitter stays within ±25 % and the cap holds', async () => {
    client.dispose();
    const low = createSequentumClient(clientOptions(server.origin, { clock, retry: { random: () => 0, maxAttempts: 8 } }));
    server.handle((_req, res) => text(res, 500, 'x'));
    await settle(low.listSpaces());
    low.dispose();
    assert.deepEqual(clock.sleeps, [750, 1500, 3000, 6000, 12000, 22500, 22500]); // 32 s capped at 30 s, then −25 %
  });

  test('GET 429 honours Retry-After (seconds) and is retried', async () => {
    server.handle((_req, res, i) => (i === 0 ? json(res, 429, { title: 'Too Many Requests', status: 429 }, { 'Retry-After': '3' }) : json(res, 200, AGENTS)));
    await client.listAgents();
    assert.equal(server.requests.length, 2);
    assert.ok(clock.sleeps.includes(3000), `sleeps ${clock.sleeps.join(',')}`);
  });

  test('GET 429 with an HTTP-date Retry-After', async () => {
    const date = new Date(Date.now() + 5000).toUTCString();
    server.handle((_req, res, i) => (i === 0 ? text(res, 429, '', 'text/plain', { 'Retry-After': date }) : json(res, 200, AGENTS)));
    await client.listAgents();
    const wait = clock.sleeps[clock.sleeps.length - 1];
    assert.ok(wait > 3000 && wait <= 5000, `waited ${wait}`);
  });

  for (const status of [400, 401, 403, 404, 409, 422]) {
    test(`GET ${status} is not retried`, async () => {
      server.handle((_req, res) => json(res, status, { type: 'about:blank', title: 'No', status }));
      const result = await settle(client.getAgent(1));
      assert.ok(!result.ok && result.error instanceof ProblemError);
      assert.equal(result.error.status, status);
      assert.equal(server.requests.length, 1);
    });
  }

  test('GET connection reset is retried', async () => {
    server.handle((_req, res, i) => (i === 0 ? void res.socket?.destroy() : json(res, 200, AGENTS)));
    await client.listAgents();
    assert.equal(server.requests.length, 2);
  });

  test('GET timeout is retried, then TimeoutError', async () => {
    server.handle(() => undefined); // never answers
    const result = await settle(client.listAgents());
    assert.ok(!result.ok && result.error instanceof TimeoutError);
    assert.equal(server.requests.length, 4);
  });

  test('GET truncated body is retried', async () => {
    server.handle((_req, res, i) => {
      if (i > 0) return json(res, 200, AGENTS);
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
      res.write('[{"id": 1, "na');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const page = await client.listAgents();
    assert.equal(page.items[0].name, 'A');
    assert.equal(server.requests.length, 2);
  });

  test('POST 503 → AmbiguousRequestError with exactly one server hit', async () => {
    const before = Date.now();
    server.handle((_req, res) => json(res, 503, { title: 'Service Unavailable', status: 503 }));
    const result = await settle(client.startRun(1, {}));
    assert.ok(!result.ok && result.error instanceof AmbiguousRequestError);
    assert.ok(result.error.cause instanceof ProblemError);
    assert.ok(result.error.sentAt >= before && result.error.sentAt <= Date.now());
    assert.equal(server.requests.length, 1);
    assert.deepEqual(clock.sleeps, []);
  });

  test('POST timeout → AmbiguousRequestError, one hit', async () => {
    server.handle(() => undefined);
    const result = await settle(client.startRun(1, {}));
    assert.ok(!result.ok && result.error instanceof AmbiguousRequestError);
    assert.ok(result.error.cause instanceof TimeoutError);
    assert.equal(server.requests.length, 1);
  });

  test('POST reset after the server read the request → Ambiguous, one hit', async () => {
    server.handle((_req, res) => void res.socket?.destroy());
    const result = await settle(client.startRun(1, {}));
    assert.ok(!result.ok && result.error instanceof AmbiguousRequestError);
    assert.ok(result.error.cause instanceof NetworkError);
    assert.equal(server.requests.length, 1);
  });

  test('POST 2xx with an unparseable body → Ambiguous (Malformed inside)', async () => {
    server.handle((_req, res) => text(res, 202, '{"id": 7', 'application/json'));
    const result = await settle(client.startRun(1, {}));
    assert.ok(!result.ok && result.error instanceof AmbiguousRequestError);
    assert.ok(result.error.cause instanceof MalformedResponseError);
    assert.equal(server.requests.length, 1);
  });

  test('POST 429 is definite: ProblemError with retryAfterMs, not retried', async () => {
    server.handle((_req, res) => json(res, 429, { title: 'Too Many Requests', status: 429 }, { 'Retry-After': '7' }));
    const result = await settle(client.startRun(1, {}));
    assert.ok(!result.ok && result.error instanceof ProblemError);
    assert.equal(result.error.status, 429);
    assert.equal(result.error.problem.retryAfterMs, 7000);
    assert.equal(server.requests.length, 1);
  });

  test('POST 409 is definite: ProblemError, one hit', async () => {
    server.handle((_req, res) => json(res, 409, { type: 'https://docs.sequentum.com/errors/conflict', title: 'Conflict', status: 409 }));
    const result = await settle(client.startRun(1, {}));
    assert.ok(!result.ok && result.error instanceof ProblemError && result.error.status === 409);
    assert.equal(server.requests.length, 1);
  });

  test('POST to a closed port: NetworkError (never sent), not ambiguous', async () => {
    const origin = server.origin;
    await server.close();
    const dead = createSequentumClient(clientOptions(origin));
    const result = await settle(dead.startRun(1, {}));
    dead.dispose();
    assert.ok(!result.ok && result.error instanceof NetworkError);
    assert.equal(result.error.notSent, true);
    server = await startTestServer();
  });

  test('start sends camelCase body with inputParameters as JSON text', async () => {
    server.handle((_req, res) => json(res, 202, RUN));
    const run = await client.startRun(1, { inputParameters: { url: 'https://x' }, parallelism: 2 });
    assert.equal(run.id, 77);
    const body = JSON.parse(server.requests[0].body) as Record<string, unknown>;
    assert.deepEqual(body, { parallelism: 2, inputParameters: '{"url":"https://x"}' });
    assert.equal(server.requests[0].headers['content-type'], 'application/json');
  });
});

suite('API core: retry policy against simulator faults', () => {
  let sim: Simulator;
  let client: SequentumClient;
  let agentId: number;
  suiteSetup(async () => {
    sim = await startSimulator({ timeScale: 1000 });
  });
  setup(() => {
    sim.control.reset();
    client = createSequentumClient({ ...clientOptions(sim.baseUrl, { timeoutMs: 300 }), apiKey: sim.apiKey });
    agentId = sim.control.addAgent({ name: 'Fault target', isExclusive: false, behaviour: 'endless' }).id;
  });
  teardown(() => client.dispose());
  suiteTeardown(async () => {
    await sim.close();
  });

  const created = () => sim.control.counters().runsCreatedPerAgent[String(agentId)] ?? 0;
  const posts = () => sim.control.counters().startPostsPerAgent[String(agentId)] ?? 0;

  test('POST start commit-then-drop → Ambiguous; the run exists, exactly one POST', async () => {
    sim.control.setFault({ route: 'POST /agent/{agentId}/start', kind: 'commitThenDrop', times: 1 });
    const result = await settle(client.startRun(agentId, {}));
    assert.ok(!result.ok && result.error instanceof AmbiguousRequestError, String(!result.ok && result.error));
    assert.equal(posts(), 1);
    assert.equal(created(), 1);
  });

  for (const status of [500, 502, 503, 504]) {
    test(`POST start ${status} → Ambiguous, one POST`, async () => {
      sim.control.setFault({ route: 'POST /agent/{agentId}/start', kind: 'status', status, times: 1 });
      const result = await settle(client.startRun(agentId, {}));
      assert.ok(!result.ok && result.error instanceof AmbiguousRequestError);
      assert.equal(posts(), 1);
    });
  }

  test('POST start hang → Ambiguous after the timeout, one POST', async () => {
    sim.control.setFault({ route: 'POST /agent/{agentId}/start', kind: 'hang', times: 1 });
    const result = await settle(client.startRun(agentId, {}));
    assert.ok(!result.ok && result.error instanceof AmbiguousRequestError);
    assert.ok(result.error.cause instanceof TimeoutError);
    assert.equal(posts(), 1);
  });

  test('POST start truncated body → Ambiguous, one POST', async () => {
    sim.control.setFault({ route: 'POST /agent/{agentId}/start', kind: 'truncate', times: 1 });
    const result = await settle(client.startRun(agentId, {}));
    assert.ok(!result.ok && result.error instanceof AmbiguousRequestError);
    assert.equal(posts(), 1);
    assert.equal(created(), 1);
  });

  test('GET faults (reset, truncate, 503, 429 storm) are retried to success', async () => {
    for (const kind of ['reset', 'truncate', 'status', 'rateLimit'] as const) {
      sim.control.resetCounters();
      sim.control.setFault({ route: 'GET /agent/{agentId}/runs', kind, status: 503, retryAfterSeconds: 1, times: 2 });
      const runs = await client.listRuns(agentId, 5);
      assert.ok(Array.isArray(runs), kind);
      assert.equal(sim.control.counters().requestsPerRoute['GET /api/v1/agent/{agentId}/runs'], 3, kind);
    }
  });

  test('GET 404 from the simulator is not retried', async () => {
    const result = await settle(client.listRuns(99999999, 5));
    assert.ok(!result.ok && result.error instanceof ProblemError && result.error.status === 404);
    assert.equal(sim.control.counters().requestsPerRoute['GET /api/v1/agent/{agentId}/runs'], 1);
  });
});
