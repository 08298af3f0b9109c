import assert from 'node:assert/strict';
import { RunStatus } from '../../../../src/core/api/model';
import { describeFilter } from '../../../../src/core/tree/filter';
import type { AgentNode, RunNode } from '../../../../src/core/tree/nodes';
import { FakeApi } from '../../../support/fakeApi';
import { agent, makeRuns } from '../../../support/builders';
import { labels, makeTree, view } from '../../../support/treeSetup';

suite('TreeModel filter, large accounts, run updates', () => {
  test('name filter goes to the server; last-status filter hides the rest', async () => {
    const api = new FakeApi();
    api.spaces = [{ id: 1, name: 'Shop' }];
    api.agents = [agent(1, 'Shop prices', 1, 10), agent(2, 'Shop stock', 1, 6), agent(3, 'News', 1, 6), agent(4, 'Shop new', 1, null)];
    const { model, changes } = makeTree(() => Promise.resolve(api));
    const space = (await model.getChildren())[0];
    assert.equal((await model.getChildren(space)).length, 4);
    const filterEvents: unknown[] = [];
    model.onDidChangeFilter((filter) => filterEvents.push(filter));
    model.setFilter({ name: 'shop', lastStatus: 'failed' });
    assert.equal(changes.at(-1), undefined);
    assert.equal(filterEvents.length, 1);
    assert.deepEqual(labels(await model.getChildren(space)), ['Shop stock']);
    const last = api.calls.filter((call) => call.method === 'listAgents').at(-1);
    assert.equal((last?.args[0] as { name?: string }).name, 'shop');
    model.setFilter({ lastStatus: 'never' });
    assert.deepEqual(labels(await model.getChildren(space)), ['Shop new']);
    model.setFilter({ name: 'zzz' });
    assert.deepEqual(labels(await model.getChildren(space)), ['No agents match the filter']);
    assert.equal(describeFilter({ name: 'shop', lastStatus: 'failed' }), 'Filter: name "shop" · failed');
    assert.equal(describeFilter({}), undefined);
  });

  test('10,000 agents: first paint costs three requests and builds one page', async () => {
    const api = new FakeApi();
    api.seed(1, 10_000);
    const { model } = makeTree(() => Promise.resolve(api));
    const spaces = await model.getChildren();
    const agents = await model.getChildren(spaces[0]);
    assert.equal(api.calls.length, 3); // spaces, the Personal probe, page 1 of the space
    assert.equal(agents.length, 101);
    assert.equal(view(agents[100]).description, '100 of 10,000 loaded');
    assert.deepEqual(labels(spaces), ['Space 1', 'Personal']); // more than a page: Personal resolves lazily
  });

  test('a run change updates the node in place and the agent status', async () => {
    const api = new FakeApi();
    api.seed(1, 1);
    const agentId = api.agents[0].id;
    api.runs.set(agentId, makeRuns(agentId, 2));
    const { model, changes } = makeTree(() => Promise.resolve(api));
    const agentNode = (await model.getChildren((await model.getChildren())[0]))[0] as AgentNode;
    const runs = (await model.getChildren(agentNode)) as RunNode[];
    const newest = runs[0];
    model.runChanged('default', { ...newest.run, status: RunStatus.Failure, message: 'Timeout' });
    assert.equal(changes.includes(newest), true);
    assert.equal(newest.run.status, RunStatus.Failure);
    assert.equal(agentNode.agent.lastStatus, RunStatus.Failure);
    assert.equal(view(newest).iconId, 'error');

    const started = { id: 99, agentId, status: RunStatus.Starting, created: '2026-01-01T11:59:00Z' };
    model.runChanged('default', started, 'starting');
    const after = (await model.getChildren(agentNode)) as RunNode[];
    assert.equal(after[0].run.id, 99);
    assert.equal(view(after[0]).description, 'Starting…');
    assert.equal(agentNode.agent.lastStatus, RunStatus.Starting);
    assert.equal(api.count('listRuns'), 1, 'no re-read for a change the tracker reported');

    model.invalidateRuns('default', agentId);
    await model.getChildren(agentNode);
    assert.equal(api.count('listRuns'), 2);
  });
});
