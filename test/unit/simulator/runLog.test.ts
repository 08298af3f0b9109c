import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../simulator/index';
import { call, useFastSimulator } from '../../support/simulatorCalls';

/** The run's log as a client reads it: F1 to find it, F2's redirect to the file store. */
async function readLog(sim: Simulator, agentId: number, runId: number): Promise<{ text: string; size: number }> {
  const files = (await call(sim, `/api/v1/agent/${agentId}/run/${runId}/files`)).json;
  const log = files.find((f) => f.fileType === 6);
  assert.ok(log, 'the run lists a text log');
  const redirect = await call(sim, `/api/v1/agent/${agentId}/run/${runId}/file/${String(log.id)}/download`);
  const text = await (await fetch(redirect.headers.get('location') ?? '')).text();
  return { text, size: Number(log.fileSize) };
}

suite('Simulator: growing run logs', () => {
  let sim: Simulator;
  useFastSimulator((s) => (sim = s));

  test('a live run lists its log from the start; it only grows (append-only) and is complete at the end', async () => {
    sim.control.setTimeScale(1);
    const agent = sim.control.addAgent({ name: 'Grower', behaviour: 'success', durationSec: 1000 });
    const run = sim.control.addRun(agent.id);
    const seen: string[] = [];
    for (const step of [0, 100_000, 150_000, 300_000, 300_000, 400_000]) {
      sim.control.advanceClock(step);
      const { text, size } = await readLog(sim, agent.id, run.id);
      assert.equal(Buffer.byteLength(text), size, 'the listed size is the size served');
      if (seen.length > 0) assert.ok(text.startsWith(seen.at(-1)!), 'earlier lines never change');
      seen.push(text);
    }
    assert.match(seen[0], /queued\n$/);
    assert.ok(new Set(seen).size >= 4, 'the log grew at several steps');
    assert.match(seen.at(-1)!, /INFO {2}Run finished with status 10\n$/);
    assert.equal(sim.control.getRun(run.id)?.status, 10);
    // Once complete, one log: the finished run's file set adds no second one.
    const files = (await call(sim, `/api/v1/agent/${agent.id}/run/${run.id}/files`)).json;
    assert.equal(files.filter((f) => f.fileType === 6).length, 1);
  });

  test('a failed run ends with its errors; a history run has its whole log', async () => {
    sim.control.setTimeScale(1);
    const failing = sim.control.addAgent({ name: 'Failer', behaviour: 'failure', durationSec: 100, failureMessage: "Timeout waiting for selector '.grid'" });
    const run = sim.control.addRun(failing.id);
    sim.control.advanceClock(100_000);
    const { text } = await readLog(sim, failing.id, run.id);
    assert.match(text, /ERROR Timeout waiting for selector '\.grid'\n/);
    const old = sim.control.addRun(failing.id, { status: 10 });
    assert.match((await readLog(sim, failing.id, old.id)).text, /Run finished with status 10\n$/);
  });
});
