import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../../simulator/index';
import { createSequentumClient, type BudgetSnapshot, type SequentumClient } from '../../../../src/core/api/client';
import { AmbiguousRequestError, CancelledError } from '../../../../src/core/api/errors';
import { maxInWindow } from '../../../../bench/stats';
import {
  clientOptions,
  json,
  RecordingClock,
  settings,
  settle,
  startTestServer,
  type SeenRequest,
  type TestServer,
} from '../../../support/httpServer';

/** A server that announces `limit` per `windowSeconds`; agent/{id} gets an agent, the rest []. */
function limitedHandler(limit: number, windowSeconds: number) {
  return (req: SeenRequest, res: Parameters<Parameters<TestServer['handle']>[0]>[1]) =>
    json(res, 200, /\/agent\/\d+$/.test(req.path) ? { id: 1, name: 'A' } : [], {
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Window-Seconds': String(windowSeconds),
    });
}

const times = (requests: SeenRequest[], filter: (r: SeenRequest) => boolean = () => true): number[] =>
  requests.filter(filter).map((r) => r.at);

suite('API core: budget scheduler (real HTTP)', () => {
  let server: TestServer;
  const clients: SequentumClient[] = [];
  const make = (...args: Parameters<typeof clientOptions>): SequentumClient => {
    const client = createSequentumClient(clientOptions(...args));
    clients.push(client);
    return client;
  };

  setup(async () => {
    server = await startTestServer();
  });

  teardown(async () => {
    for (const client of clients.splice(0)) client.dispose();
    await server.close();
  });

  test('never more than L requests in any sliding window, counted by the server', async () => {
    server.handle(limitedHandler(5, 1));
    const client = make(server.origin, { settings: settings({ requests: 5, windowSeconds: 1 }) });
    await Promise.all(Array.from({ length: 13 }, () => client.listSpaces()));
    assert.equal(server.requests.length, 13);
    assert.ok(maxInWindow(times(server.requests), 1000) <= 5, `max ${maxInWindow(times(server.requests), 1000)}`);
  });

  test('the limit learned from X-RateLimit-* wins over smaller settings', async () => {
    server.handle(limitedHandler(6, 60));
    const client = make(server.origin, { settings: settings({ requests: 2, windowSeconds: 60 }) });
    await Promise.all(Array.from({ length: 6 }, () => client.listSpaces()));
    const snapshot = client.budget.snapshot();
    assert.equal(snapshot.limit, 6);
    assert.equal(snapshot.learnedFromServer, true);
    assert.equal(snapshot.usedInWindow, 6); // all six fit in one 60 s window: more than the setting's 2
  });

  test('the limit learned from headers wins over larger settings: no burst before the first answer', async () => {
    server.handle(limitedHandler(4, 1));
    const client = make(server.origin); // settings say 100 / 60
    await Promise.all(Array.from({ length: 10 }, () => client.listSpaces()));
    assert.ok(maxInWindow(times(server.requests), 1000) <= 4);
    const snapshot = client.budget.snapshot();
    assert.deepEqual([snapshot.limit, snapshot.windowSeconds], [4, 1]);
  });

  test('user requests go before queued background ones', async () => {
    server.handle(limitedHandler(2, 1));
    const client = make(server.origin, { settings: settings({ requests: 2, windowSeconds: 1, backgroundShare: 1 }) });
    const background = Array.from({ length: 5 }, (_, i) => client.getAgent(100 + i, { priority: 'background' }));
    const user = Array.from({ length: 3 }, (_, i) => client.getAgent(200 + i, { priority: 'user' }));
    await Promise.all([...background, ...user]);
    const order = server.requests.map((r) => (r.path.includes('/agent/2') ? 'U' : 'B'));
    // The first background request was already granted; every user request beats the rest.
    assert.equal(order.join(''), 'BUUUBBBB');
  });

  test('background uses at most its share of the window; user requests are not held back', async () => {
    server.handle(limitedHandler(10, 1));
    const client = make(server.origin, { settings: settings({ requests: 10, windowSeconds: 1, backgroundShare: 0.3 }) });
    await client.listSpaces(); // learn the limit first
    const start = Date.now();
    const background = Array.from({ length: 7 }, (_, i) => client.getAgent(100 + i, { priority: 'background' }));
    const user = Array.from({ length: 6 }, (_, i) => client.getAgent(200 + i));
    await Promise.all(user);
    const snapshot = client.budget.snapshot();
    assert.equal(snapshot.backgroundLimit, 3);
    await Promise.all(background);
    const bg = times(server.requests, (r) => r.path.includes('/agent/1'));
    assert.equal(bg.length, 7);
    assert.ok(maxInWindow(bg, 1000) <= 3, `background max ${maxInWindow(bg, 1000)}`);
    const users = times(server.requests, (r) => r.path.includes('/agent/2'));
    // 1 + 3 background + 6 user ≤ 10: every user request fits in the first window.
    assert.ok(Math.max(...users) - start < 1000);
  });

  test('after a 429 the whole scheduler pauses until Retry-After', async () => {
    const clock = new RecordingClock(true);
    server.handle((_req, res, i) =>
      i === 0 ? json(res, 429, { title: 'Too Many Requests', status: 429 }, { 'Retry-After': '5' }) : json(res, 200, []),
    );
    const client = make(server.origin, { clock });
    const events: BudgetSnapshot[] = [];
    const subscription = client.budget.onDidChange((s) => events.push(s));
    const first = client.listSpaces();
    while (clock.pending < 2) await new Promise((r) => setTimeout(r, 5)); // pause + retry backoff held
    const others = [client.listSpaces(), client.listSpaces({ priority: 'background' })];
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(server.requests.length, 1, 'nothing is sent while paused');
    const snapshot = client.budget.snapshot();
    assert.ok(snapshot.pausedUntil !== undefined && snapshot.pausedUntil > Date.now() + 4000);
    assert.equal(snapshot.queuedUser + snapshot.queuedBackground, 2);
    assert.ok(events.some((e) => e.pausedUntil !== undefined));
    // Both the scheduler's pause and the retry's wait honour Retry-After (5 s). The pause is
    // computed as pausedUntil − now, so a millisecond may have passed since the 429 arrived.
    const [pauseSleep, retrySleep] = clock.sleeps;
    for (const sleep of [pauseSleep, retrySleep]) assert.ok(sleep !== undefined && sleep > 4900 && sleep <= 5000, `sleep ${sleep}`);
    clock.release();
    await Promise.all([first, ...others]);
    assert.equal(server.requests.length, 4);
    assert.equal(client.budget.snapshot().pausedUntil, undefined);
    subscription.dispose();
  });

  test('cancelling a queued request rejects with CancelledError and sends nothing', async () => {
    server.handle(limitedHandler(1, 60));
    const client = make(server.origin);
    await client.listSpaces();
    const controller = new AbortController();
    const queued = settle(client.listSpaces({ signal: controller.signal }));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(client.budget.snapshot().queuedUser, 1);
    controller.abort();
    const result = await queued;
    assert.ok(!result.ok && result.error instanceof CancelledError);
    assert.equal(server.requests.length, 1);
    assert.equal(client.budget.snapshot().queuedUser, 0);
  });

  test('cancelling an in-flight GET → CancelledError; an in-flight POST → Ambiguous', async () => {
    server.handle(() => undefined); // hangs
    const client = make(server.origin);
    const get = new AbortController();
    const pendingGet = settle(client.listSpaces({ signal: get.signal }));
    while (server.requests.length < 1) await new Promise((r) => setTimeout(r, 5));
    get.abort();
    const getResult = await pendingGet;
    assert.ok(!getResult.ok && getResult.error instanceof CancelledError);
    const post = new AbortController();
    const pendingPost = settle(client.startRun(1, {}, { signal: post.signal }));
    while (server.requests.length < 2) await new Promise((r) => setTimeout(r, 5));
    post.abort();
    const postResult = await pendingPost;
    assert.ok(!postResult.ok && postResult.error instanceof AmbiguousRequestError);
    assert.ok(postResult.error.cause instanceof CancelledError);
    assert.equal(server.requests.length, 2);
  });

  test('a hung request holds a run start back one window at most, not until it times out', async function () {
    this.timeout(40_000);
    // A request the server holds in its queue is answered within one window of being sent; past
    // that it hangs. With the hold grace a hung GET waits timeout + window per attempt (4 attempts),
    // and a start nobody can cancel must not wait all of that out. Window 1 s, timeout 10 s.
    const windowSeconds = 1;
    const timeoutMs = 10_000;
    const answer = limitedHandler(100, windowSeconds);
    let hang = false;
    server.handle((req, res) => {
      if (req.method === 'GET' && hang) return; // never answered
      answer(req, res);
    });
    const client = make(server.origin, { timeoutMs });
    for (let i = 0; i < 3; i++) await client.listSpaces(); // limit, window and a typical answer time learned
    hang = true;
    const giveUp = new AbortController();
    const hung = settle(client.listSpaces({ signal: giveUp.signal }));
    while (server.requests.length < 4) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 400)); // past the in-flight hold threshold (250 ms)
    const start = await settle(client.startRun(1, {}));
    giveUp.abort();
    await hung;
    const hungAt = server.requests[3].at;
    const post = server.requests.find((r) => r.method === 'POST');
    assert.ok(post, `the start was sent (${start.ok ? 'ok' : String(start.error)})`);
    // Before: the start went only after the hung GET timed out (>= timeout + one window after it was sent).
    assert.ok(post.at - hungAt < timeoutMs, `start sent ${post.at - hungAt} ms after the hung GET (its timeout: ${timeoutMs} ms)`);
  });

  test('two clients for the same origin and key share one budget', async () => {
    server.handle(limitedHandler(100, 60));
    const a = make(server.origin);
    const b = make(server.origin);
    await a.listSpaces();
    await a.listSpaces();
    assert.equal(b.budget.snapshot().usedInWindow, 2);
    const other = make(server.origin, { apiKey: 'sk-another-key-123456' });
    assert.equal(other.budget.snapshot().usedInWindow, 0);
  });

  test('dispose cancels queued requests', async () => {
    server.handle(limitedHandler(1, 60));
    const client = make(server.origin);
    await client.listSpaces();
    const queued = settle(client.listSpaces());
    await new Promise((r) => setTimeout(r, 10));
    client.dispose();
    const result = await queued;
    assert.ok(!result.ok && result.error instanceof CancelledError);
    assert.equal(server.requests.length, 1);
  });
});

suite('API core: budget against the simulator', () => {
  let sim: Simulator;
  setup(async () => {
    sim = await startSimulator({ rateLimit: { requests: 10, windowSeconds: 1 }, timeScale: 1000 });
  });
  teardown(async () => {
    await sim.close();
  });

  test('35 GETs at once: all succeed, zero 429, limit learned', async () => {
    const client = createSequentumClient({ ...clientOptions(sim.baseUrl), apiKey: sim.apiKey });
    try {
      const results = await Promise.all(Array.from({ length: 35 }, () => client.listSpaces()));
      assert.equal(results.length, 35);
      const counters = sim.control.counters();
      assert.equal(counters.requestsPerKey[sim.apiKey], 35);
      assert.equal(Object.values(counters.rateLimitedPerKey).reduce((a, b) => a + b, 0), 0);
      assert.equal(client.budget.snapshot().limit, 10);
    } finally {
      client.dispose();
    }
  });
});
