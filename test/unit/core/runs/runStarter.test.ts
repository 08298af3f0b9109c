import * as assert from 'node:assert/strict';
import { AmbiguousRequestError, NoApiKeyError, ProblemError } from '../../../../src/core/api/errors';
import type { Run } from '../../../../src/core/api/model';
import { RunStarter, type InFlightChoice, type StartOutcome } from '../../../../src/core/runs/runStarter';
import { FakeApi } from '../../../support/fakeApi';
import { FakeClock } from '../../../support/fakeClock';

const AGENT = 7;

function setup() {
  const clock = new FakeClock();
  const api = new FakeApi(clock);
  const started: Run[] = [];
  const starter = new RunStarter({ api: () => Promise.resolve(api), clock, onDidStart: (run) => started.push(run) });
  const asked: Run[][] = [];
  const start = (...args: [InFlightChoice | undefined] | []) => {
    const answer = args.length === 0 ? 'start-another' : args[0];
    return (
    starter.start({
      agentId: AGENT,
      askAboutInFlight: (runs) => {
        asked.push([...runs]);
        return Promise.resolve(answer);
      },
    }));
  };
  return { clock, api, starter, started, asked, start };
}

/** Drives the fake clock until `promise` settles (reconciliation waits on it). */
async function settle<T>(clock: FakeClock, promise: Promise<T>): Promise<T> {
  let done = false;
  void promise.finally(() => (done = true));
  for (let i = 0; i < 100 && !done; i++) await clock.advance(500);
  assert.ok(done, 'the start did not settle');
  return promise;
}

suite('RunStarter', () => {
  test('no run in flight: checks, then posts once, and reports the run', async () => {
    const { api, start, asked, started } = setup();
    api.addRun(AGENT, 10, 60);
    const outcome = await start();
    assert.equal(outcome.kind, 'started');
    assert.equal(asked.length, 0, 'no prompt without a run in flight');
    assert.equal(api.count('listRuns', 'user'), 1);
    assert.equal(api.count('startRun', 'user'), 1);
    assert.deepEqual(started.map((r) => r.id), [outcome.kind === 'started' ? outcome.run.id : -1]);
  });

  test('a run in flight: asks, and each answer does what it says', async () => {
    for (const [answer, expected, posts] of [
      ['open-existing', 'existing', 0],
      ['cancel', 'cancelled', 0],
      [undefined, 'cancelled', 0],
      ['start-another', 'started', 1],
    ] as const) {
      const { api, start, asked } = setup();
      const running = api.addRun(AGENT, 1);
      const outcome = await start(answer);
      assert.equal(asked.length, 1);
      assert.deepEqual(asked[0].map((r) => r.id), [running.id]);
      assert.equal(outcome.kind, expected, `answer ${String(answer)}`);
      if (outcome.kind === 'existing') assert.equal(outcome.run.id, running.id);
      assert.equal(api.count('startRun'), posts, `answer ${String(answer)}`);
    }
  });

  test('single flight: a second start for the same agent while one is pending sends no second POST', async () => {
    const { api, start, starter } = setup();
    let open!: () => void;
    api.startGate = new Promise((resolve) => (open = resolve));
    const first = start();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(starter.isPending(AGENT), true);
    const second = start();
    open();
    const [a, b] = await Promise.all([first, second]);
    assert.equal(api.count('startRun'), 1);
    assert.equal(api.count('listRuns'), 1);
    assert.equal(a, b, 'the second caller joins the first');
    assert.equal(starter.isPending(AGENT), false);
    // Once settled, a new start is a new attempt (and now sees the run in flight).
    const third = await start('cancel');
    assert.equal(third.kind, 'cancelled');
  });

  test('ambiguous start that committed (commit-then-drop): adopts the run, exactly one POST and one run', async () => {
    const { api, clock, start, started } = setup();
    api.addRun(AGENT, 10, 30);
    api.startBehaviour = 'commit-then-drop';
    const outcome = await settle(clock, start());
    assert.equal(outcome.kind, 'adopted');
    assert.equal(api.count('startRun'), 1);
    const created = (api.runs.get(AGENT) ?? []).filter((r) => r.status === 4);
    assert.equal(created.length, 1);
    assert.equal(outcome.kind === 'adopted' && outcome.run.id, created[0].id);
    assert.ok(outcome.kind === 'adopted' && AmbiguousRequestError.is(outcome.cause));
    assert.equal(started.length, 1, 'the adopted run is handed to the tracker');
  });

  test('ambiguous start with nothing created: bounded reads, then not-started, one POST', async () => {
    const { api, clock, start, started } = setup();
    const old = api.addRun(AGENT, 10, 0.5); // finished run created within the skew, but seen before the POST
    api.startBehaviour = 'drop';
    const outcome = await settle(clock, start());
    assert.equal(outcome.kind, 'not-started');
    assert.equal(outcome.kind === 'not-started' && outcome.stage, 'reconcile');
    assert.equal(api.count('startRun'), 1);
    assert.equal(api.count('listRuns'), 1 + 5, 'one check and five reconciliation reads');
    assert.equal(started.length, 0);
    assert.deepEqual(api.runs.get(AGENT)?.map((r) => r.id), [old.id]);
  });

  test('ambiguous start held in the queue: a teammate run created while ours waited, before our send, is not adopted', async () => {
    const { api, clock, start, started } = setup();
    api.startBehaviour = 'drop';
    let send!: () => void;
    api.sendGate = new Promise<void>((resolve) => (send = resolve));
    const outcome = start();
    await clock.advance(10_000);
    const teammates = api.addRun(AGENT, 4, 0); // a teammate's start, 10 s into our wait
    await clock.advance(30_000);
    send(); // ours leaves the queue 40 s after the check, 30 s after the teammate's run
    const result = await settle(clock, outcome);
    assert.equal(result.kind, 'unclear', 'dated 30 s before our POST was sent: maybe ours, the user decides');
    assert.deepEqual(result.kind === 'unclear' && result.candidates.map((r) => r.id), [teammates.id]);
    assert.equal(started.length, 0);
  });

  test('a definite refusal (409) is not-started at the start stage, with the problem, no second POST', async () => {
    const { api, start } = setup();
    api.startBehaviour = { status: 409, title: 'Agent is already running exclusively' };
    const outcome: StartOutcome = await start();
    assert.equal(outcome.kind, 'not-started');
    assert.ok(outcome.kind === 'not-started' && ProblemError.is(outcome.error) && outcome.error.status === 409);
    assert.equal(outcome.kind === 'not-started' && outcome.stage, 'start');
    assert.equal(api.count('startRun'), 1);
    assert.equal(api.count('listRuns'), 1, 'no reconciliation after a definite answer');
  });

  test('no key: not-started at the check stage without any request', async () => {
    const clock = new FakeClock();
    const starter = new RunStarter({ api: () => Promise.reject(new NoApiKeyError()), clock });
    const outcome = await starter.start({ agentId: AGENT, askAboutInFlight: () => Promise.resolve('cancel') });
    assert.equal(outcome.kind, 'not-started');
    assert.ok(outcome.kind === 'not-started' && outcome.stage === 'check' && NoApiKeyError.is(outcome.error));
  });
});
