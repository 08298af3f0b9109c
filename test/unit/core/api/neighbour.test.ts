import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../../simulator/index';
import { createSequentumClient, type SequentumClient } from '../../../../src/core/api/client';
import { silentLogger } from '../../../../src/core/log';
import { DEFAULT_SETTINGS } from '../../../../src/core/settings';

const LIMIT = 10;
const WINDOW_S = 1;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

suite('Polite neighbour: someone else on the key (simulator foreign consumer)', function () {
  this.timeout(60_000);
  let sim: Simulator;
  const clients: SequentumClient[] = [];
  const make = (timeoutMs = 30_000, windowSeconds = WINDOW_S): SequentumClient => {
    const client = createSequentumClient({
      baseUrl: sim.baseUrl,
      apiKey: sim.apiKey,
      settings: { ...DEFAULT_SETTINGS, rateLimit: { requests: LIMIT, windowSeconds }, polling: { ...DEFAULT_SETTINGS.polling, backgroundShare: 0.5 } },
      log: silentLogger,
      timeoutMs,
    });
    clients.push(client);
    return client;
  };

  setup(async () => {
    sim = await startSimulator({ rateLimit: { requests: LIMIT, windowSeconds: WINDOW_S } });
  });
  teardown(async () => {
    for (const client of clients.splice(0)) client.dispose();
    sim.control.setForeignLoad(sim.apiKey, 0);
    await sim.close();
  });

  test('background yields while the foreign load fills the window, the user lane keeps going, the share returns', async () => {
    const client = make();
    await client.listSpaces();
    let stop = false;
    const pollers = Array.from({ length: 10 }, async () => {
      while (!stop) await client.listSpaces({ priority: 'background' }).catch(() => sleep(50));
    });
    await sleep(1200);
    assert.equal(client.budget.snapshot().yielding, undefined, 'no pressure yet');
    sim.control.setForeignLoad(sim.apiKey, 9);
    let yielded = false;
    let lowestBackgroundLimit = LIMIT;
    const userAnswers: number[] = [];
    for (let i = 0; i < 12; i++) {
      const started = performance.now();
      await client.getAgent(1).catch(() => undefined);
      userAnswers.push(performance.now() - started);
      const snapshot = client.budget.snapshot();
      yielded ||= snapshot.yielding === true;
      lowestBackgroundLimit = Math.min(lowestBackgroundLimit, snapshot.backgroundLimit);
      await sleep(200);
    }
    assert.ok(yielded, 'background yielded under foreign pressure');
    assert.ok(lowestBackgroundLimit < LIMIT / 2, `background limit went down to ${lowestBackgroundLimit}`);
    assert.equal(userAnswers.length, 12, 'every user request was answered');
    const foreign = sim.control.setForeignLoad(sim.apiKey, 0);
    assert.ok(foreign && foreign.sent > 0);
    // Pressure gone: within a few windows the whole share is back.
    let back = false;
    for (let i = 0; i < 120 && !back; i++) {
      await sleep(100);
      back = client.budget.snapshot().yielding === undefined && client.budget.snapshot().backgroundLimit === LIMIT / 2;
    }
    stop = true;
    await Promise.allSettled(pollers);
    assert.ok(back, 'the background share came back');
  });

  /** Someone else's burst on the key (another route, so our counts stay apart): `count` requests at once. */
  const burst = async (count: number): Promise<void> => {
    const target = Math.min(LIMIT, sim.control.rateLimitState(sim.apiKey).inWindow + count);
    for (let i = 0; i < count; i++) {
      void fetch(`${sim.baseUrl}/api/v1/agent/all`, { headers: { Authorization: `ApiKey ${sim.apiKey}` } }).then((r) => r.arrayBuffer(), () => undefined);
    }
    // Returns once the server counts them: the window is full from now on.
    while (sim.control.rateLimitState(sim.apiKey).inWindow < target) await sleep(5);
  };
  const spacesSent = (): number => sim.control.counters().requestsPerRoute['GET /api/v1/spaces'] ?? 0;

  test('once the server is seen holding, a held GET is waited for, not sent twice', async () => {
    const patient = make(); // another client on the key: the same budget, the default timeout
    const hasty = make(300); // a timeout shorter than the hold (up to one 1 s window)
    await patient.listSpaces();
    await sleep(1100);
    await burst(LIMIT); // the window is full for about a second: the server holds what comes next
    await patient.listSpaces(); // answered late: the budget has seen the server holding
    assert.equal(patient.budget.snapshot().yielding, true);
    const before = spacesSent();
    await sleep(1000);
    await burst(LIMIT); // full again
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => hasty.listSpaces()));
    assert.deepEqual(results.map((r) => r.status), Array(6).fill('fulfilled'));
    assert.equal(spacesSent() - before, 6, 'held past the 300 ms timeout, yet each GET was sent once');
  });

  test('the first held GET, before any sign of pressure, is waited for, not sent twice', async () => {
    // The held-requests bench case: the server (alive: it answered us before) holds a request in its
    // queue before the client has seen any hold or 429. Its answer-wait must still cover the window.
    const hasty = make(300); // a timeout shorter than the hold (up to one 1 s window)
    await hasty.listSpaces();
    await sleep(1100); // our probe has left the window
    await burst(LIMIT); // someone else fills the window: the server holds what comes next
    assert.equal(hasty.budget.snapshot().yielding, undefined, 'no sign of pressure yet');
    const before = spacesSent();
    const started = performance.now();
    await hasty.listSpaces();
    const waited = performance.now() - started;
    assert.equal(spacesSent() - before, 1, `held ${Math.round(waited)} ms (timeout 300 ms), yet sent once`);
  });

  test('a run start is not sent while the server holds one of our requests', async function () {
    // A 3 s window: the hold lasts long enough that "past the client's hold threshold (up to 5× a
    // cold first answer) yet before the hold ends" does not depend on the machine's speed.
    const windowSeconds = 3;
    await sim.close();
    sim = await startSimulator({ rateLimit: { requests: LIMIT, windowSeconds } });
    const client = make(30_000, windowSeconds);
    const posts = (): number => Object.values(sim.control.counters().startPostsPerAgent).reduce((a, b) => a + b, 0);
    for (let i = 0; i < 3; i++) await client.listSpaces(); // the scheduler learns how long an answer takes
    await sleep(windowSeconds * 1000 + 100); // our first requests have left the window
    await burst(LIMIT); // the window is full for about a window
    // The server counts a POST when it arrives, so the count when the held answer comes back says
    // whether the start went out during the hold (whenever that ended, however loaded the machine).
    let heldAnswered = false;
    let postsWhileHeld = -1;
    const held = client.listSpaces().finally(() => {
      heldAnswered = true;
      postsWhileHeld = posts();
    }); // the server holds it until the burst leaves the window
    while (!heldAnswered && sim.control.rateLimitState(sim.apiKey).queued === 0) await sleep(5);
    // Past the client's hold threshold yet well inside the hold (with a 1 s window and a fixed 750 ms
    // this was often after the hold had ended when the test ran alone, and the start went at once).
    await sleep(1000);
    const startedDuringHold = !heldAnswered;
    const start = client.startRun(1, {}).catch((error: unknown) => error);
    await Promise.allSettled([held, start]);
    assert.equal(posts(), 1, 'the start was sent once the window freed');
    // On a machine slow enough that the hold ended before the start was asked for, there is nothing to check.
    if (!startedDuringHold) this.skip();
    assert.equal(postsWhileHeld, 0, 'the start waited for the held request');
  });
});
