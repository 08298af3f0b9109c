import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SequentumClient } from '../../../../src/core/api/client';
import type { RequestPriority } from '../../../../src/core/api/sequentumApi';
import { logDocumentContent, logFollowIntervalMs } from '../../../../src/core/logs/logDocument';
import { logProblems } from '../../../../src/core/logs/logText';
import { RunLogFollower, type RunLogSnapshot } from '../../../../src/core/logs/runLogFollower';
import { DEFAULT_SETTINGS } from '../../../../src/core/settings';
import type { Simulator } from '../../../../simulator/index';
import { FakeClock } from '../../../support/fakeClock';
import { useEmptySimulator } from '../../../support/simTree';

const DOWNLOAD_ROUTE = 'GET /api/v1/agent/{agentId}/run/{runId}/file/{fileId}/download';
const INTERVAL = 10_000;

/** Real HTTP takes real time: wait (in real time, up to 10 s: 2 s was not enough on a loaded machine) until the follower reported again. */
async function settle(reported: () => number, before: number): Promise<void> {
  for (let i = 0; i < 2000 && reported() === before; i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

suite('Run log follower over the simulator (growing log, real HTTP)', () => {
  let sim: Simulator;
  let client: SequentumClient;
  let dir: string;
  useEmptySimulator(1, (s, c) => {
    sim = s;
    client = c;
  });
  suiteSetup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'run-log-'));
  });
  suiteTeardown(() => rm(dir, { recursive: true, force: true }));

  function follow(agentId: number, runId: number, clock: FakeClock) {
    const snapshots: RunLogSnapshot[] = [];
    const errors: unknown[] = [];
    const lanes: RequestPriority[] = [];
    const follower = new RunLogFollower({
      clock,
      intervalMs: () => INTERVAL,
      source: {
        status: (priority, signal) => {
          lanes.push(priority);
          return client.getRunStatus(agentId, runId, { priority, signal });
        },
        files: (priority, signal) => client.listRunFiles(agentId, runId, { priority, signal }),
        read: async (file, priority, signal) => {
          const path = join(dir, `log-${runId}-${file.id}.txt`);
          await client.downloadRunFileTo(agentId, runId, file.id, path, { priority, signal });
          return readFile(path, 'utf8');
        },
      },
      onSnapshot: (snapshot) => snapshots.push(snapshot),
      onError: (error) => errors.push(error),
    });
    /** One interval passes; resolves once the read it started was reported. */
    const step = async (ms = INTERVAL): Promise<void> => {
      const before = snapshots.length + errors.length;
      await clock.advance(ms);
      await settle(() => snapshots.length + errors.length, before);
    };
    return { follower, snapshots, errors, lanes, step };
  }

  test('a live run: the log grows by appending while in flight, is complete after the end, and following stops by itself', async () => {
    const agent = sim.control.addAgent({ name: 'Products', behaviour: 'failure', durationSec: 600, inputParameters: { url: 'https://shop.example.com' } });
    const run = sim.control.addRun(agent.id);
    const clock = new FakeClock();
    const { follower, snapshots, errors, lanes, step } = follow(agent.id, run.id, clock);

    await follower.start();
    assert.equal(snapshots.length, 1);
    assert.equal(snapshots[0].complete, false);
    assert.match(snapshots[0].text, /INFO {2}Run \d+ of agent "Products" \(version 1\) queued/);
    assert.equal(clock.pending, 1, 'the next read is scheduled');

    // A third of the way in: running, pages extracted.
    sim.control.advanceClock(200_000);
    await step();
    assert.equal(snapshots.length, 2);
    assert.ok(snapshots[1].text.startsWith(snapshots[0].text), 'new lines are appended; nothing earlier changes');
    assert.ok(snapshots[1].text.length > snapshots[0].text.length);
    assert.match(snapshots[1].text, /Extracted \d+ records from page 1/);
    assert.equal(snapshots[1].complete, false);

    // Nothing new on the server: the files list shows the same size, so the log is not downloaded again.
    const downloads = sim.control.counters().requestsPerRoute[DOWNLOAD_ROUTE];
    await step();
    assert.equal(snapshots.length, 3);
    assert.equal(snapshots[2].text, snapshots[1].text);
    assert.equal(sim.control.counters().requestsPerRoute[DOWNLOAD_ROUTE], downloads, 'an unchanged log costs no download');

    // Past the failure point: the run ended; the last read is complete and nothing more is scheduled.
    sim.control.advanceClock(200_000);
    await step();
    const last = snapshots.at(-1)!;
    assert.equal(last.complete, true);
    assert.ok(last.text.startsWith(snapshots[2].text));
    assert.match(last.text, /ERROR Agent failed: success criteria not met/);
    assert.equal(follower.following, false);
    assert.equal(clock.pending, 0, 'no timer left once complete');
    await clock.advance(INTERVAL * 5);
    assert.equal(snapshots.at(-1), last, 'no read after complete');
    assert.deepEqual(errors, []);
    // Only the read the user asked for goes in the user lane; following uses the background share.
    assert.deepEqual(lanes, ['user', 'background', 'background', 'background']);

    // The document and its outline: header says complete, first problem is the first WARN/ERROR line.
    const content = logDocumentContent('Products', last);
    assert.match(content.split('\n')[0], /^# Products · run #\d+ · Failure · complete$/);
    const first = logProblems(last.text).find((p) => p.level === 'error');
    assert.ok(first);
    assert.match(last.text.split('\n')[first.line], /ERROR/);
  });

  test('dispose stops following at once (document closed): no timer, no further request', async () => {
    const agent = sim.control.addAgent({ name: 'Endless', behaviour: 'endless', durationSec: 600 });
    const run = sim.control.addRun(agent.id);
    const clock = new FakeClock();
    const { follower, snapshots } = follow(agent.id, run.id, clock);
    await follower.start();
    follower.dispose();
    assert.equal(clock.pending, 0);
    const before = sim.control.counters().requestsPerKey[sim.apiKey];
    await clock.advance(INTERVAL * 3);
    assert.equal(snapshots.length, 1);
    assert.equal(sim.control.counters().requestsPerKey[sim.apiKey], before);
  });

  test('the first read failing rejects start() and follows no further; a later failure retries with backoff', async () => {
    const agent = sim.control.addAgent({ name: 'Flaky', behaviour: 'endless', durationSec: 600 });
    const run = sim.control.addRun(agent.id);
    const clock = new FakeClock();
    sim.control.setFault({ route: 'GET agent/{id}/run/{runId}/files', kind: 'status', status: 503, times: 1 });
    const first = follow(agent.id, run.id, clock);
    await assert.rejects(first.follower.start(), /503|unavailable|server/i);
    assert.equal(first.follower.following, false);
    assert.equal(clock.pending, 0);

    const second = follow(agent.id, run.id, clock);
    await second.follower.start();
    sim.control.setFault({ route: 'GET agent/{id}/run/{runId}/files', kind: 'status', status: 503, times: 1 });
    await second.step();
    assert.equal(second.errors.length, 1, 'a later failure is reported, not thrown');
    assert.equal(second.snapshots.length, 1);
    // Backoff: the next read waits twice the interval.
    await clock.advance(INTERVAL);
    assert.equal(second.snapshots.length, 1);
    await second.step();
    assert.equal(second.snapshots.length, 2);
    second.follower.dispose();
  });

  test('a failure that cannot pass (the run was deleted: 404) stops following instead of polling while the tab stays open', async () => {
    const agent = sim.control.addAgent({ name: 'Gone', behaviour: 'endless', durationSec: 600 });
    const run = sim.control.addRun(agent.id);
    const clock = new FakeClock();
    const { follower, errors, step } = follow(agent.id, run.id, clock);
    await follower.start();
    sim.control.setFault({ route: 'GET agent/{id}/run/{runId}/files', kind: 'status', status: 404 });
    try {
      await step();
      assert.equal(errors.length, 1, 'reported once');
      assert.equal(follower.following, false);
      assert.equal(clock.pending, 0, 'no next read scheduled');
    } finally {
      sim.control.clearFaults();
      follower.dispose();
    }
  });

  test('the follow interval stays within the background share of the budget', () => {
    assert.equal(logFollowIntervalMs(DEFAULT_SETTINGS), 10_000);
    // 100 requests/60 s at 0.2 → 20 background requests a minute; 3 per read → one read every 9 s at most.
    assert.equal(logFollowIntervalMs({ ...DEFAULT_SETTINGS, polling: { intervalSeconds: 1, backgroundShare: 0.2 } }), 9_000);
    assert.equal(logFollowIntervalMs({ ...DEFAULT_SETTINGS, polling: { intervalSeconds: 1, backgroundShare: 0 } }), 1_000);
  });
});
