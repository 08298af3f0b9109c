import assert from 'node:assert/strict';
import { ConfigurationError, MalformedResponseError, NetworkError } from '../../../../src/core/api/errors';
import { hasToken } from '../../../../src/core/tree/contextValues';
import type { LoadMoreNode, TreeNode } from '../../../../src/core/tree/nodes';
import { FakeApi } from '../../../support/fakeApi';
import { makeRuns, problem } from '../../../support/builders';
import { child, labels, makeTree, NOW, view } from '../../../support/treeSetup';

function loadMoreOf(nodes: TreeNode[]): LoadMoreNode {
  const last = nodes.at(-1);
  assert.equal(last?.kind, 'loadMore', `expected Load more… at the end of ${JSON.stringify(labels(nodes))}`);
  return last;
}

suite('TreeModel', () => {
  test('spaces sorted by name, plus Personal when personal agents exist', async () => {
    const api = new FakeApi();
    api.seed(2, 3, 1);
    api.spaces.reverse();
    const { model } = makeTree(() => Promise.resolve(api));
    assert.deepEqual(labels(await model.getChildren()), ['Space 1', 'Space 2', 'Personal']);
    const personal = await model.getChildren(child(await model.getChildren(), 'Personal'));
    assert.deepEqual(labels(personal), ['Mine 1']);
  });

  test('no Personal node when one page shows every agent and none is personal', async () => {
    const api = new FakeApi();
    api.seed(1, 3);
    const { model } = makeTree(() => Promise.resolve(api));
    assert.deepEqual(labels(await model.getChildren()), ['Space 1']);
  });

  test('agents page by page with Load more…, each page one request', async () => {
    const api = new FakeApi();
    api.seed(1, 250);
    const { model, changes } = makeTree(() => Promise.resolve(api));
    const space = (await model.getChildren())[0];
    let agents = await model.getChildren(space);
    assert.equal(agents.length, 101);
    assert.equal(view(loadMoreOf(agents)).description, '100 of 250 loaded');
    await model.loadMore(loadMoreOf(agents));
    assert.equal(changes.at(-1), space);
    agents = await model.getChildren(space);
    assert.equal(agents.length, 201);
    await model.loadMore(loadMoreOf(agents));
    agents = await model.getChildren(space);
    assert.equal(agents.length, 250);
    assert.ok(agents.every((node) => node.kind === 'agent'));
    const spaceQueries = api.calls.filter((call) => call.method === 'listAgents' && (call.args[0] as { spaceId?: number }).spaceId === 1);
    assert.deepEqual(spaceQueries.map((call) => (call.args[0] as { pageIndex: number }).pageIndex), [1, 2, 3]);
  });

  test('lists are cached until refreshed; a refresh keeps node identity', async () => {
    const api = new FakeApi();
    api.seed(1, 5);
    const { model, changes } = makeTree(() => Promise.resolve(api));
    const space = (await model.getChildren())[0];
    const first = await model.getChildren(space);
    await model.getChildren(space);
    await model.getChildren();
    assert.equal(api.count('listSpaces'), 1);
    assert.equal(api.count('listAgents'), 2); // the Personal probe + the space's page
    model.refresh(space);
    assert.equal(changes.at(-1), space);
    const second = await model.getChildren(space);
    assert.equal(api.count('listAgents'), 3);
    assert.equal(second[0], first[0], 'same object for the same agent');
  });

  test('concurrent expansions of one node share one request', async () => {
    const api = new FakeApi();
    api.seed(1, 5);
    const { model } = makeTree(() => Promise.resolve(api));
    const space = (await model.getChildren())[0];
    await Promise.all([model.getChildren(space), model.getChildren(space), model.getChildren(space)]);
    assert.equal(api.calls.filter((call) => call.method === 'listAgents').length, 2);
  });

  test('runs newest first, 20 at a time; Load more asks for more via maxRecords', async () => {
    const api = new FakeApi();
    api.seed(1, 1);
    const agentId = api.agents[0].id;
    api.runs.set(agentId, makeRuns(agentId, 45));
    const { model } = makeTree(() => Promise.resolve(api));
    const agentNode = (await model.getChildren((await model.getChildren())[0]))[0];
    let runs = await model.getChildren(agentNode);
    assert.equal(runs.length, 22, '20 runs, the Versions row, Load more');
    assert.equal(view(loadMoreOf(runs)).description, '20 loaded', 'the Versions row is not a run loaded');
    assert.equal(view(runs[0]).tooltip.includes('**Run:** 45'), true);
    assert.equal(view(runs[0]).description, 'success · 1,204 records');
    await model.loadMore(loadMoreOf(runs));
    runs = await model.getChildren(agentNode);
    assert.equal(runs.length, 42);
    await model.loadMore(loadMoreOf(runs));
    runs = await model.getChildren(agentNode);
    assert.equal(runs.length, 46);
    assert.deepEqual(api.calls.filter((call) => call.method === 'listRuns').map((call) => call.args[1]), [20, 40, 60]);
  });

  test("an agent's schedules are not runs loaded: Load more counts runs only", async () => {
    const api = new FakeApi();
    api.seed(1, 1);
    const agentId = api.agents[0].id;
    api.runs.set(agentId, makeRuns(agentId, 45));
    api.schedules.set(agentId, [1, 2].map((id) => ({ id, agentId, name: `Nightly ${id}`, kind: 'cron' as const, isEnabled: true, cronExpression: '0 2 * * *' })));
    const { model } = makeTree(() => Promise.resolve(api));
    const agentNode = (await model.getChildren((await model.getChildren())[0]))[0];
    const children = await model.getChildren(agentNode);
    assert.equal(children.filter((node) => node.kind === 'schedule').length, 2, 'the schedules are listed above the runs');
    assert.equal(view(loadMoreOf(children)).description, '20 loaded');
  });

  test('each cause gets its own error node and action', async () => {
    const cases: [Error, string, string[]][] = [
      [problem(401, 'Unauthorized'), 'API key rejected (401)', ['setApiKey']],
      [problem(403, 'Forbidden'), 'No access (403)', ['retry']],
      [new NetworkError('connect ECONNREFUSED', 'ECONNREFUSED'), 'Cannot reach 127.0.0.1:9', ['retry', 'showLog']],
      [problem(429, 'Too Many Requests', undefined, 12_000), 'Rate limited — budget frees in 12 s', ['retry']],
      [problem(503, 'Service Unavailable'), 'Sequentum server error (503)', ['retry', 'showLog']],
      [new MalformedResponseError('not JSON'), 'Unexpected answer from server', ['showLog', 'retry']],
    ];
    for (const [error, label, actions] of cases) {
      const api = new FakeApi();
      api.failing.set('listSpaces', error);
      const { model } = makeTree(() => Promise.resolve(api));
      const nodes = await model.getChildren();
      assert.equal(nodes.length, 1);
      const item = view(nodes[0]);
      assert.equal(item.label, label);
      for (const action of actions) assert.ok(hasToken(item.contextValue, action as 'retry'), `${label}: ${item.contextValue}`);
      assert.ok(hasToken(item.contextValue, 'error'));
    }
  });

  test('403 inside a space says so; rate limit falls back to the budget pause', async () => {
    const api = new FakeApi();
    api.seed(1, 2);
    const { model } = makeTree(() => Promise.resolve(api), { pausedUntil: NOW + 30_500 });
    const space = (await model.getChildren())[0];
    api.failing.set('listAgents', problem(403, 'Forbidden', 'You are not a member of <b>Space</b>'));
    const nodes = await model.getChildren(space);
    assert.equal(view(nodes[0]).label, 'No access to this space');
    assert.ok(view(nodes[0]).tooltip.endsWith('You are not a member of \\<b\\>Space\\<\\/b\\>'));
    api.failing.set('listRuns', problem(429, 'Too Many Requests'));
    api.failing.delete('listAgents');
    model.refresh(space);
    const agentNode = (await model.getChildren(space))[0];
    assert.equal(view((await model.getChildren(agentNode))[0]).label, 'Rate limited — budget frees in 31 s');
  });

  test('an agent whose schedules are forbidden or unknown still lists its runs; a 503 on them is an error node', async () => {
    const api = new FakeApi();
    api.seed(1, 1);
    api.runs.set(api.agents[0].id, makeRuns(api.agents[0].id, 3));
    const { model } = makeTree(() => Promise.resolve(api));
    const space = (await model.getChildren())[0];
    const agent = (await model.getChildren(space))[0];
    const withRuns = await model.getChildren(agent);
    assert.ok(withRuns.some((node) => node.kind === 'run'), 'the seeded agent has runs');
    for (const status of [403, 404]) {
      api.failing.set('listSchedules', problem(status, 'No schedules here'));
      model.refresh(agent);
      assert.deepEqual(await model.getChildren(agent), withRuns, `schedules answered ${status}`);
    }
    api.failing.set('listSchedules', problem(503, 'Service Unavailable'));
    model.refresh(agent);
    assert.equal(view((await model.getChildren(agent))[0]).label, 'Sequentum server error (503)');
  });

  test('a failed refresh keeps the last good children, marked stale, with the error first', async () => {
    const api = new FakeApi();
    api.seed(1, 3);
    const { model } = makeTree(() => Promise.resolve(api));
    const space = (await model.getChildren())[0];
    const good = await model.getChildren(space);
    api.failing.set('listAgents', problem(503, 'Service Unavailable'));
    model.refresh(space);
    const stale = await model.getChildren(space);
    assert.equal(view(stale[0]).label, 'Sequentum server error (503)');
    assert.deepEqual(stale.slice(1), good);
    assert.equal(view(stale[1]).description, 'stale — server error 503 · success');
    // No retry storm: asking again without a refresh does not hit the server.
    const before = api.count('listAgents');
    await model.getChildren(space);
    assert.equal(api.count('listAgents'), before);
    api.failing.clear();
    model.refresh(stale[0]); // Retry on the error node refreshes its owner
    const healed = await model.getChildren(space);
    assert.deepEqual(labels(healed), labels(good));
    assert.equal(view(healed[0]).description, 'success');
  });

  test('getChildren never rejects: no key → empty, bad settings → error node', async () => {
    assert.deepEqual(await makeTree(() => Promise.resolve(undefined)).model.getChildren(), []);
    const bad = makeTree(() => Promise.reject(new ConfigurationError('Refusing plain http:// for example.com', 'sequentum.baseUrl')));
    const nodes = await bad.model.getChildren();
    assert.equal(view(nodes[0]).label, 'Settings problem: Refusing plain http:// for example.com');
    const weird = makeTree(() => Promise.reject(new TypeError('boom')));
    assert.equal(view((await weird.model.getChildren())[0]).label, 'Unexpected error while loading');
  });

  test('a changed key or base URL reloads everything', async () => {
    const api = new FakeApi();
    api.seed(1, 1);
    let current: FakeApi | undefined = undefined;
    const { model, sourceChanged, changes } = makeTree(() => Promise.resolve(current));
    assert.deepEqual(await model.getChildren(), []);
    current = api;
    sourceChanged.fire();
    assert.equal(changes.at(-1), undefined);
    assert.deepEqual(labels(await model.getChildren()), ['Space 1']);
  });
});
