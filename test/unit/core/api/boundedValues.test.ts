import * as assert from 'node:assert/strict';
import { createSequentumClient, type SequentumClient } from '../../../../src/core/api/client';
import { ProblemError } from '../../../../src/core/api/errors';
import {
  boundedRetryAfter,
  limitFromHeader,
  RETRY_FLOOR_MS,
  windowSecondsFromHeader,
} from '../../../../src/core/api/rateLimitValues';
import { MAX_TIMER_MS, sleep, systemClock, timerDelay } from '../../../../src/core/clock';
import { SettingsReader, DEFAULT_SETTINGS } from '../../../../src/core/settings';
import { clientOptions, json, RecordingClock, settle, startTestServer, type TestServer } from '../../../support/httpServer';

suite('Bounded values: rate-limit headers, Retry-After, timers', () => {
  test('X-RateLimit-Limit and -Window-Seconds are clamped; garbage is ignored', () => {
    assert.deepEqual(['0', '-5', '1', '100', '99.9', '1e3', '99999999999', 'abc', '', ' 7 '].map((v) => limitFromHeader(v)), [1, 1, 1, 100, 99, undefined, 100_000, undefined, undefined, 7]);
    assert.deepEqual(['0', '-1', '0.5', '60', '1e12', '999999999', 'NaN'].map((v) => windowSecondsFromHeader(v)), [1, 1, 1, 60, undefined, 86_400, undefined]);
    assert.equal(limitFromHeader(null), undefined);
  });

  test('Retry-After is bounded: a floor between retries, a ceiling of a day', () => {
    assert.deepEqual([-5000, 0, 10, 2500, 1e15, Infinity].map((ms) => boundedRetryAfter(ms)), [RETRY_FLOOR_MS, RETRY_FLOOR_MS, RETRY_FLOOR_MS, 2500, 86_400_000, 86_400_000]);
    assert.equal(boundedRetryAfter(undefined), undefined);
    assert.equal(boundedRetryAfter(NaN), undefined);
  });

  test('no timer delay can overflow (Node fires a delay over 2^31−1 ms at once)', async () => {
    assert.deepEqual([-1, NaN, 0, 5, 2 ** 31, 1e300, Infinity].map(timerDelay), [0, 0, 0, 5, MAX_TIMER_MS, MAX_TIMER_MS, MAX_TIMER_MS]);
    const controller = new AbortController();
    let fired = false;
    const waiting = sleep(systemClock, 2 ** 40, controller.signal).then(() => (fired = true), () => undefined);
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(fired, false, 'a huge sleep did not fire at once');
    controller.abort();
    await waiting;
  });
});

suite('Bounded values through the client (real HTTP)', () => {
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

  const once429 = (retryAfter: string) =>
    server.handle((_req, res, i) => (i === 0 ? json(res, 429, { title: 'Too Many Requests', status: 429 }, { 'Retry-After': retryAfter }) : json(res, 200, [])));

  for (const [what, value] of [
    ['zero', '0'],
    ['negative', '-5'],
    ['a date in the past', new Date(Date.now() - 3_600_000).toUTCString()],
    ['the epoch', 'Thu, 01 Jan 1970 00:00:00 GMT'],
  ] as const) {
    test(`Retry-After ${what}: waits at least the floor (${RETRY_FLOOR_MS} ms), no retry storm`, async () => {
      once429(value);
      await client.listSpaces();
      assert.equal(server.requests.length, 2);
      // The scheduler's pause is what is left of it (pausedUntil − now): a few ms may have passed.
      assert.ok(clock.sleeps.length > 0 && clock.sleeps.every((ms) => ms >= RETRY_FLOOR_MS - 20), `sleeps ${clock.sleeps.join(',')}`);
    });
  }

  for (const [what, value] of [
    ['huge', '99999999999999999999'],
    ['a date in the far future', 'Fri, 31 Dec 9999 23:59:59 GMT'],
  ] as const) {
    test(`Retry-After ${what}: surfaced as 429, the pause stays bounded, no timer overflows`, async () => {
      once429(value);
      const result = await settle(client.listSpaces());
      assert.ok(!result.ok && result.error instanceof ProblemError && result.error.status === 429);
      assert.equal(server.requests.length, 1);
      const pausedUntil = client.budget.snapshot().pausedUntil ?? 0;
      assert.ok(pausedUntil > Date.now() + 60_000 && pausedUntil <= Date.now() + 65_000, `paused ${pausedUntil - Date.now()} ms`);
      assert.ok(clock.sleeps.every((ms) => ms <= MAX_TIMER_MS));
    });
  }

  test('Retry-After garbage: the client backs off by its own schedule', async () => {
    once429('soon, maybe');
    await client.listSpaces();
    assert.equal(server.requests.length, 2);
    assert.ok(clock.sleeps.every((ms) => ms >= 750 && ms <= 1250), `sleeps ${clock.sleeps.join(',')}`);
  });

  test('X-RateLimit-Limit: 0 does not stop the client; a huge window does not park it', async () => {
    server.handle((_req, res) => json(res, 200, [], { 'X-RateLimit-Limit': '0', 'X-RateLimit-Window-Seconds': '1e12' }));
    await client.listSpaces();
    const snapshot = client.budget.snapshot();
    assert.equal(snapshot.limit, 1);
    assert.equal(snapshot.windowSeconds, 60, 'an exponent is not a number the header may carry: ignored');
    server.handle((_req, res) => json(res, 200, [], { 'X-RateLimit-Limit': '5', 'X-RateLimit-Window-Seconds': '999999999' }));
    const other = createSequentumClient(clientOptions(server.origin, { clock, apiKey: 'sk-bounded-other-0000000' }));
    try {
      await other.listSpaces();
      assert.deepEqual([other.budget.snapshot().limit, other.budget.snapshot().windowSeconds], [5, 86_400]);
    } finally {
      other.dispose();
    }
  });
});

suite('Settings are type-checked at run time (a workspace can write anything)', () => {
  const read = (values: Record<string, unknown>) => {
    const warnings: string[] = [];
    const reader = new SettingsReader((key, value) => warnings.push(`${key}=${JSON.stringify(value)}`));
    return { settings: reader.read((key) => values[key]), warnings, reader };
  };

  test('unset: the defaults, no warning', () => {
    const { settings, warnings } = read({});
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.deepEqual(warnings, []);
  });

  test('good values are taken', () => {
    const { settings, warnings } = read({ 'polling.intervalSeconds': 30, 'polling.backgroundShare': 0.5, 'rateLimit.requests': 50, 'notifications.runFinished': 'off' });
    assert.deepEqual([settings.polling.intervalSeconds, settings.polling.backgroundShare, settings.rateLimit.requests, settings.notifications.runFinished], [30, 0.5, 50, 'off']);
    assert.deepEqual(warnings, []);
  });

  test('a bad value becomes the default, with one warning per setting and value', () => {
    const bad = {
      'polling.intervalSeconds': '5',
      'polling.backgroundShare': 7,
      'rateLimit.requests': 1.5,
      'rateLimit.windowSeconds': -60,
      'notifications.runFinished': '[x](command:sequentum.killRun)',
      baseUrl: { href: 'x' },
    };
    const { settings, warnings, reader } = read(bad);
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.equal(warnings.length, 6);
    reader.read((key) => (bad as Record<string, unknown>)[key]);
    assert.equal(warnings.length, 6, 'read again: no second warning');
    for (const [key, value] of [['polling.intervalSeconds', NaN], ['polling.intervalSeconds', 1e9], ['polling.backgroundShare', null], ['rateLimit.requests', Infinity]] as const) {
      const { settings: fallback, warnings: one } = read({ [key]: value });
      assert.deepEqual(fallback, DEFAULT_SETTINGS, `${key}=${value}`);
      assert.equal(one.length, 1);
    }
  });
});
