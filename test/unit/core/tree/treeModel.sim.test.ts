import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../../simulator/index';
import type { SequentumClient } from '../../../../src/core/api/client';
import { hasToken } from '../../../../src/core/tree/contextValues';
import type { AgentNode, SpaceNode } from '../../../../src/core/tree/nodes';
import { realClient, treeOver } from '../../../support/simTree';
import { child, labels, view } from '../../../support/treeSetup';

suite('TreeModel over the simulator', () => {
  let sim: Simulator;
  const clients: SequentumClient[] = [];
  const client = (key = sim.apiKey, baseUrl = sim.baseUrl) => {
    const made = realClient(baseUrl, key);
    clients.push(made);
    return made;
  };

  suiteSetup(async () => {
    sim = await startSimulator({ seed: 'demo', timeScale: 1000 });
  });
  setup(() => sim.control.reset('demo'));
  teardown(() => {
    for (const made of clients.splice(0)) made.dispose();
  });
  suiteTeardown(() => sim.close());

  test('spaces → agents → runs → files', async () => {
    const space = sim.control.addSpace({ name: 'Tree Test' });
    const added = sim.control.addAgent({ name: 'Flaky Shop', spaceId: space.id });
    sim.control.addRun(added.id, { status: 10, dataCount: 1204 });
    sim.control.addRun(added.id, { status: 6, message: 'Timeout waiting for #price' });
    const { model } = treeOver(client(), sim.baseUrl);
    const spaces = await model.getChildren();
    assert.ok(labels(spaces).includes('Retail Pricing'), labels(spaces).join());
    assert.ok(labels(spaces).includes('Personal'), 'the demo has personal agents');
    const agents = await model.getChildren(child(spaces, 'Tree Test'));
    const agentNode = agents[0] as AgentNode;
    assert.equal(view(agentNode).label, 'Flaky Shop');
    assert.ok(hasToken(view(agentNode).contextValue, 'startable'));
    const children = await model.getChildren(agentNode);
    assert.equal(children.at(-1)?.kind, 'versions', 'the Versions row comes after the runs');
    const runs = children.filter((node) => node.kind === 'run');
    assert.equal(runs.length, 2);
    assert.ok(hasToken(view(runs[0]).contextValue, 'failed'), 'newest first: the failure');
    assert.equal(view(runs[1]).description, 'success · 1,204 records');
    const files = await model.getChildren(runs[0]);
    assert.ok(labels(files).includes('run.log'), labels(files).join());
  });

  test('a wrong key: "API key rejected (401)" with Set API Key', async () => {
    const { model } = treeOver(client('sk-wrong-key-123456'), sim.baseUrl);
    const nodes = await model.getChildren();
    assert.equal(view(nodes[0]).label, 'API key rejected (401)');
    assert.equal(view(nodes[0]).command?.id, 'sequentum.setApiKey');
  });

  test('a space the key may not open: "No access to this space"', async () => {
    const { model } = treeOver(client(), sim.baseUrl);
    const spaces = (await model.getChildren()) as SpaceNode[];
    const target = spaces.find((node) => node.space.name === 'Real Estate')!;
    sim.control.restrictSpace(sim.apiKey, target.space.id);
    assert.equal(view((await model.getChildren(target))[0]).label, 'No access to this space');
  });

  test('server error, hostile body and 429 each name their cause', async () => {
    const { model } = treeOver(client(), sim.baseUrl);
    sim.control.setFault({ route: 'GET /api/v1/spaces', kind: 'status', status: 503, times: 1 });
    assert.equal(view((await model.getChildren())[0]).label, 'Sequentum server error (503)');
    sim.control.setFault({ route: 'GET /api/v1/spaces', kind: 'hostile', status: 200, body: '<html>proxy login</html>', contentType: 'text/html', times: 1 });
    model.refresh();
    assert.equal(view((await model.getChildren())[0]).label, 'Unexpected answer from server');
    sim.control.setFault({ route: 'GET /api/v1/spaces', kind: 'rateLimit', retryAfterSeconds: 3600, times: 1 });
    model.refresh();
    assert.match(view((await model.getChildren())[0]).label, /^Rate limited — budget frees in 3[56]\d\d s$/);
  });

  test('offline: "Cannot reach <host>" with Retry', async () => {
    const dead = await startSimulator({ seed: 'empty' });
    const deadUrl = dead.baseUrl;
    await dead.close();
    const { model } = treeOver(client(sim.apiKey, deadUrl), deadUrl);
    const item = view((await model.getChildren())[0]);
    assert.equal(item.label, `Cannot reach ${new URL(deadUrl).host}`);
    assert.ok(hasToken(item.contextValue, 'retry'));
  });

  test('a failed refresh keeps the last good spaces, marked stale', async () => {
    const { model } = treeOver(client(), sim.baseUrl);
    const good = labels(await model.getChildren());
    sim.control.setFault({ route: 'GET /api/v1/spaces', kind: 'status', status: 502, times: 1 });
    model.refresh();
    const stale = await model.getChildren();
    assert.equal(view(stale[0]).label, 'Sequentum server error (502)');
    assert.deepEqual(labels(stale.slice(1)), good);
    assert.ok(stale.slice(1).every((node) => view(node).description?.startsWith('stale — server error 502')));
  });

  test('hostile server text stays plain in labels and tooltips', async () => {
    const space = sim.control.addSpace({ name: 'Evil' });
    sim.control.addAgent({ name: '[click](command:workbench.action.terminal.new) <img src=x>\u001b[31m', spaceId: space.id });
    const { model } = treeOver(client(), sim.baseUrl);
    const agents = await model.getChildren(child(await model.getChildren(), 'Evil'));
    const item = view(agents[0]);
    assert.equal(item.label, '[click](command:workbench.action.terminal.new) <img src=x>');
    assert.ok(item.tooltip.includes('\\[click\\]\\(command\\:workbench\\.action\\.terminal\\.new\\) \\<img src\\=x\\>'), item.tooltip);
  });

  test('10,000 agents: first paint is three requests and one page', async () => {
    sim.control.reset({ spaces: 4, agents: 10_000 });
    const { model } = treeOver(client(), sim.baseUrl);
    const spaces = await model.getChildren();
    const agents = await model.getChildren(spaces[0]);
    const requests = sim.control.counters().requestsPerKey[sim.apiKey];
    assert.equal(requests, 3);
    assert.equal(agents.length, 101);
    assert.equal(agents.at(-1)?.kind, 'loadMore');
  });
});
