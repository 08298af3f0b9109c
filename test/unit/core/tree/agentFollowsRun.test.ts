// The agent row shows the status of its newest followed run, exactly as that run's row does:
// "Starting…" while a start is pending, then the run's statuses up to the final one, also when
// the agent list is rebuilt from its cache or an answer requested before the finish arrives after it.
import assert from 'node:assert/strict';
import { RunStatus, type Agent, type Page, type Run } from '../../../../src/core/api/model';
import type { ListAgentsQuery } from '../../../../src/core/api/sequentumApi';
import { RunTracker } from '../../../../src/core/runs/runTracker';
import type { AgentNode, RunNode, SpaceNode } from '../../../../src/core/tree/nodes';
import { linkRunTracker } from '../../../../src/core/tree/runTrackerLink';
import { FakeClock } from '../../../support/fakeClock';
import { FakeApi } from '../../../support/fakeApi';
import { makeRuns } from '../../../support/builders';
import { makeTree, view } from '../../../support/treeSetup';

const ENV = 'default';

async function setup() {
  const api = new FakeApi();
  api.seed(1, 1);
  const agentId = api.agents[0].id;
  api.runs.set(agentId, makeRuns(agentId, 2));
  const tree = makeTree(() => Promise.resolve(api));
  const space = (await tree.model.getChildren())[0] as SpaceNode;
  const agentNode = (await tree.model.getChildren(space))[0] as AgentNode;
  const runs = (await tree.model.getChildren(agentNode)) as RunNode[];
  const started: Run = { id: 99, agentId, status: RunStatus.Queuing, created: '2026-01-01T11:59:00Z' };
  return { api, ...tree, space, agentNode, runs, agentId, started };
}

function rowsOf(agentNode: AgentNode, runNode: RunNode) {
  const agentRow = view(agentNode);
  const runRow = view(runNode);
  return { agent: [agentRow.description, agentRow.iconId], run: [runRow.description, runRow.iconId] };
}

suite('agent row follows its newest run', () => {
  test('while starting both rows say "Starting…"; then both follow the run to its final status', async () => {
    const { model, agentNode, started } = await setup();
    model.runChanged(ENV, started, 'starting');
    const runNode = (await model.getChildren(agentNode))[0] as RunNode;
    assert.equal(runNode.run.id, 99);
    assert.deepEqual(rowsOf(agentNode, runNode), { agent: ['Starting…', 'sync~spin'], run: ['Starting…', 'sync~spin'] });

    model.runChanged(ENV, { ...started, status: RunStatus.Running, startTime: '2026-01-01T11:59:30Z' });
    assert.equal(view(agentNode).description, 'running');
    model.runChanged(ENV, { ...started, status: RunStatus.Failure, endTime: '2026-01-01T12:00:00Z' });
    assert.equal(view(agentNode).description, 'failure');
    assert.equal(view(agentNode).iconId, 'error');
    assert.ok(view(agentNode).contextValue.split(' ').includes('failed'), 'Why Did It Fail? is offered on the agent');
  });

  test('a run that fails straight from "Starting…" leaves the agent row at the failure', async () => {
    const { model, agentNode, started } = await setup();
    model.runChanged(ENV, started, 'starting');
    model.runChanged(ENV, { ...started, status: RunStatus.Failed });
    const runNode = (await model.getChildren(agentNode))[0] as RunNode;
    assert.deepEqual(rowsOf(agentNode, runNode), { agent: ['failed', 'error'], run: ['failed', 'error'] });
  });

  test('rebuilding the agent list from its cache keeps the followed status', async () => {
    const { model, space, agentNode, started } = await setup();
    model.runChanged(ENV, started, 'starting');
    model.runChanged(ENV, { ...started, status: RunStatus.Failure });
    await model.getChildren(space);
    assert.equal(view(agentNode).description, 'failure');
  });

  test('an agent list requested before the run finished does not bring back "queuing"; one requested after it wins', async () => {
    const { api, model, space, agentNode, started, agentId } = await setup();
    model.runChanged(ENV, started, 'starting');
    api.agents[0] = { ...api.agents[0], lastStatus: RunStatus.Queuing };
    const list = api.listAgents.bind(api);
    // The server answers with the queuing agent; the run fails while that answer is on its way.
    api.listAgents = async (query?: ListAgentsQuery): Promise<Page<Agent>> => {
      const page = await list(query);
      model.runChanged(ENV, { ...started, status: RunStatus.Failure });
      return page;
    };
    model.refresh(space);
    assert.equal((await model.getChildren(space))[0], agentNode);
    assert.equal(view(agentNode).description, 'failure');

    // Later the server knows more (another run started elsewhere): a list read now is believed.
    api.listAgents = list;
    api.agents[0] = { ...api.agents[0], lastStatus: RunStatus.Running };
    model.refresh(space);
    await model.getChildren(space);
    assert.equal(view(agentNode).description, 'running');
    assert.equal(agentNode.agent.id, agentId);
  });

  test('with the run tracker: a runs list read before the finish does not put the run (or its agent) back to "queuing"', async () => {
    const { api, model, agentNode, started, agentId } = await setup();
    const tracker = new RunTracker(new FakeClock());
    const link = linkRunTracker(model, tracker, ENV);
    const finishes: number[] = [];
    tracker.onDidFinishRun((event) => finishes.push(event.run.id));
    try {
      tracker.follow(started, 'starting');
      api.runs.set(agentId, [started, ...(api.runs.get(agentId) ?? [])]);
      const listRuns = api.listRuns.bind(api);
      // The list is read while the run queues; the poller sees it fail before the answer lands.
      api.listRuns = async (id: number, max?: number): Promise<Run[]> => {
        const runs = await listRuns(id, max);
        tracker.update({ ...started, status: RunStatus.Failed });
        return runs;
      };
      model.refresh(agentNode);
      const runNode = (await model.getChildren(agentNode))[0] as RunNode;
      assert.equal(runNode.run.id, 99);
      assert.deepEqual(rowsOf(agentNode, runNode), { agent: ['failed', 'error'], run: ['failed', 'error'] });
      assert.deepEqual(tracker.inFlight(), [], 'the finished run is not followed again');
      assert.deepEqual(finishes, [99], 'one finish, so one notification');
    } finally {
      link.dispose();
      tracker.dispose();
    }
  });

  test('an older run changing (e.g. revealed) does not take over the agent row', async () => {
    const { model, agentNode, runs, started } = await setup();
    model.runChanged(ENV, started, 'starting');
    model.runChanged(ENV, { ...runs[1].run, status: RunStatus.Failure });
    assert.equal(view(agentNode).description, 'Starting…');
    const old: Run = { id: 5, agentId: started.agentId, status: RunStatus.Success, created: '2025-12-01T00:00:00Z' };
    model.runChanged(ENV, old);
    assert.equal(view(agentNode).description, 'Starting…');
  });
});
