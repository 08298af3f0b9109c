import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../simulator/index';
import { call } from '../../support/simulatorCalls';

suite('simulator: per-key rate limit', () => {
  let sim: Simulator;
  const other = 'sk-sim-second-key-0001';
  suiteSetup(async () => {
    sim = await startSimulator({ rateLimit: { requests: 10, windowSeconds: 1 }, apiKeys: ['sk-sim-first-key-0001', other] });
  });
  suiteTeardown(() => sim.close());
  setup(() => sim.control.reset());

  test('L pass at once, the next 10 are held until the window frees, the rest get 429 + Retry-After', async () => {
    const answers = await Promise.all(Array.from({ length: 25 }, () => call(sim, '/api/v1/spaces')));
    const ok = answers.filter((a) => a.status === 200);
    const limited = answers.filter((a) => a.status === 429);
    assert.equal(ok.length, 20, '10 immediately + 10 from the queue');
    assert.equal(limited.length, 5);
    for (const a of limited) {
      assert.ok(Number(a.headers.get('retry-after')) >= 1);
      assert.equal(a.json.type, 'https://docs.sequentum.com/errors/rate-limited');
    }
    for (const a of answers) {
      assert.equal(a.headers.get('x-ratelimit-limit'), '10');
      assert.equal(a.headers.get('x-ratelimit-window-seconds'), '1');
    }
    const counters = sim.control.counters();
    assert.equal(counters.rateLimitedPerKey[sim.apiKey], 5);
    assert.equal(counters.requestsPerKey[sim.apiKey], 25);
    assert.equal(counters.requestsPerRoute['GET /api/v1/spaces'], 25);
  });

  test('each key has its own budget', async () => {
    await Promise.all(Array.from({ length: 10 }, () => call(sim, '/api/v1/spaces')));
    const second = await Promise.all(Array.from({ length: 10 }, () => call(sim, '/api/v1/spaces', { key: other })));
    assert.ok(second.every((a) => a.status === 200));
    assert.equal(sim.control.counters().rateLimitedPerKey[other], undefined);
  });

  test('a held request whose client gives up leaves the queue', async () => {
    await Promise.all(Array.from({ length: 10 }, () => call(sim, '/api/v1/spaces')));
    const aborted = call(sim, '/api/v1/spaces', { signal: AbortSignal.timeout(50) });
    await assert.rejects(aborted, { name: 'TimeoutError' });
    // The server learns of the abort asynchronously: wait (bounded) until the queue is empty again.
    for (let i = 0; i < 100 && sim.control.rateLimitState(sim.apiKey).queued > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(sim.control.rateLimitState(sim.apiKey).queued, 0);
    const later = await Promise.all(Array.from({ length: 10 }, () => call(sim, '/api/v1/spaces')));
    assert.equal(later.filter((a) => a.status === 429).length, 0, 'the abandoned slot in the queue was freed');
  });

  test('the limit is configurable at run time and reported in the headers', async () => {
    sim.control.setRateLimit({ requests: 3, windowSeconds: 7 });
    const res = await call(sim, '/api/v1/spaces');
    assert.equal(res.headers.get('x-ratelimit-limit'), '3');
    assert.equal(res.headers.get('x-ratelimit-window-seconds'), '7');
  });
});
