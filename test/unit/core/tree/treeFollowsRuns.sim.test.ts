// In-flight runs the tree lists are followed by the runs layer (tracker + poller) over the real
// client and the simulator: the run node changes when the run finishes, without the list being
// read again; "Killing…" shows while a kill is pending.
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../../simulator/index';
import type { SequentumClient } from '../../../../src/core/api/client';
import { RunStatus } from '../../../../src/core/api/model';
import { systemClock } from '../../../../src/core/clock';
import { RunPoller } from '../../../../src/core/runs/runPoller';
import { RunTracker } from '../../../../src/core/runs/runTracker';
import type { AgentNode, TreeNode } from '../../../../src/core/tree/nodes';
import { linkRunTracker } from '../../../../src/core/tree/runTrackerLink';
import { realClient, treeOver } from '../../../support/simTree';
import { child, view } from '../../../support/treeSetup';

const LIST_RUNS = 'GET /api/v1/agent/{agentId}/runs';

suite('tree ↔ run tracker over the simulator', () => {
  let sim: Simulator;
  let client: SequentumClient;

  suiteSetup(async () => {
    sim = await startSimulator({ seed: 'empty', timeScale: 1000 });
    client = realClient(sim.baseUrl, sim.apiKey);
  });
  suiteTeardown(async () => {
    client.dispose();
    await sim.close();
  });
  setup(() => sim.control.reset('empty'));

  test('an in-flight run seen in the tree is polled to its end and only its node (and agent) change', async () => {
    const space = sim.control.addSpace({ name: 'Followed' });
    const agent = sim.control.addAgent({ name: 'Endless', spaceId: space.id, behaviour: 'endless', isExclusive: false });
    sim.control.addRun(agent.id, { status: RunStatus.Success, dataCount: 3 });
    const live = sim.control.addRun(agent.id);
    const tracker = new RunTracker(systemClock);
    const poller = new RunPoller(tracker, {
      api: () => Promise.resolve(client),
      clock: systemClock,
      settings: () => ({ intervalSeconds: 1, budget: { requests: 600, windowSeconds: 60, share: 1 } }),
    });
    const { model, changes } = treeOver(client, sim.baseUrl);
    const link = linkRunTracker(model, tracker, 'default');
    try {
      const agentNode = child(await model.getChildren(child(await model.getChildren(), 'Followed')), 'Endless') as AgentNode;
      const runs = (await model.getChildren(agentNode)).filter((node) => node.kind === 'run');
      const liveNode = runs.find((node) => node.run.id === live.id)!;
      assert.deepEqual(
        tracker.inFlight().map((tracked) => tracked.run.id),
        [live.id],
        'only the in-flight run is followed',
      );
      assert.equal(runs.length, 2, 'following adds no duplicate node');
      assert.equal(sim.control.counters().requestsPerRoute[LIST_RUNS], 1);

      const finished = new Promise<void>((resolve) => tracker.onDidFinishRun(() => resolve()));
      tracker.markPending(liveNode.run, 'killing');
      assert.equal(view(liveNode).description, 'Killing…');
      changes.length = 0;
      await client.stopRun(agent.id, live.id);
      poller.pollSoon({ agentId: agent.id, runId: live.id });
      await finished;

      assert.equal(liveNode.run.status, RunStatus.Stopped);
      assert.equal(view(liveNode).description, 'stopped');
      assert.equal(agentNode.agent.lastStatus, RunStatus.Stopped);
      const changed = new Set(changes.filter((node): node is TreeNode => node !== undefined).map((node) => node.id));
      assert.deepEqual([...changed].sort(), [agentNode.id, liveNode.id].sort(), 'no list, no root refresh');
      assert.equal((await model.getChildren(agentNode)).filter((node) => node.kind === 'run').length, 2);
      assert.equal(sim.control.counters().requestsPerRoute[LIST_RUNS], 1, 'the list was not read again');
      assert.equal(poller.active, false);
    } finally {
      link.dispose();
      poller.dispose();
      tracker.dispose();
      model.dispose();
    }
  });
});
