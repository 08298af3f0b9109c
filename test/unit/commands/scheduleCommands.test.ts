import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../simulator/index';
import type { SequentumClient } from '../../../src/core/api/client';
import { ProblemError } from '../../../src/core/api/errors';
import { silentLogger } from '../../../src/core/log';
import type { AgentNode, ScheduleNode, TreeNode } from '../../../src/core/tree/nodes';
import { presentNode } from '../../../src/core/tree/presentation';
import type { TreeModel } from '../../../src/core/tree/treeModel';
import type { PickItem } from '../../../src/core/ui';
import { deleteSchedule } from '../../../src/features/schedules/deleteSchedule';
import { editSchedule, newSchedule } from '../../../src/features/schedules/openScheduleDocument';
import type { ScheduleCommandDeps } from '../../../src/features/schedules/scheduleDeps';
import { setScheduleEnabled } from '../../../src/features/schedules/setScheduleEnabled';
import { realClient, treeOver } from '../../support/simTree';
import { child } from '../../support/treeSetup';
import { ScriptedUi, type Shown } from '../../support/scriptedUi';

const byLabel = (pattern: RegExp) => (shown: Shown) => shown.items?.find((item: PickItem<unknown>) => pattern.test(item.label))?.value;
const view = (node: TreeNode) => presentNode(node, { now: Date.now(), locale: 'en-US', timeZone: 'UTC' });

suite('schedule commands and schedule rows (over the simulator)', () => {
  let sim: Simulator;
  let client: SequentumClient;
  let ui: ScriptedUi;
  let deps: ScheduleCommandDeps;
  let model: TreeModel;
  let agentId: number;
  let nightlyId: number;
  let pausedId: number;

  suiteSetup(async () => {
    sim = await startSimulator({ seed: 'empty', timeScale: 1 });
  });
  setup(() => {
    sim.control.reset('empty');
    const space = sim.control.addSpace({ name: 'Ops' });
    agentId = sim.control.addAgent({ name: 'Books', spaceId: space.id }).id;
    nightlyId = sim.control.addSchedule(agentId, { name: 'Nightly', scheduleType: 3, cronExpression: '0 2 * * *', timezone: 'Europe/Berlin' }).id;
    pausedId = sim.control.addSchedule(agentId, { name: 'Half-hourly', scheduleType: 2, runEveryCount: 30, runEveryPeriod: 1, isEnabled: false }).id;
    client = realClient(sim.baseUrl, sim.apiKey);
    ui = new ScriptedUi();
    model = treeOver(client, sim.baseUrl).model;
    deps = { ui, log: silentLogger, showLog: () => undefined, tree: { model, api: () => Promise.resolve(client), locale: 'en-US' } };
  });
  teardown(() => client.dispose());
  suiteTeardown(() => sim.close());

  async function agentChildren(): Promise<TreeNode[]> {
    const agent = (await model.getChildren(child(await model.getChildren(), 'Ops')))[0] as AgentNode;
    return model.getChildren(agent);
  }
  const scheduleNode = async (name: string): Promise<ScheduleNode> => child(await agentChildren(), name) as ScheduleNode;
  const routeCount = (route: string) => sim.control.counters().requestsPerRoute[route] ?? 0;

  test('an expanded agent lists its schedules first: words, next fire, state icon and menu tokens', async () => {
    sim.control.addRun(agentId, { status: 10 });
    const children = await agentChildren();
    assert.deepEqual(children.map((node) => node.kind), ['schedule', 'schedule', 'run', 'versions']);
    const nightly = view(children.find((node) => node.kind === 'schedule' && node.schedule.name === 'Nightly')!);
    // The next 02:00 in Berlin is under a day away: hours, or minutes in the hour before it (this
    // read "in 39 minutes" at 01:21 Berlin time and failed when only hours were allowed; under half
    // a minute before it, Intl says "this minute": a CI run at 01:59:4x Berlin time). On the day
    // Berlin's clocks go forward there is no 02:00: the next is the day after, "in 2 days".
    assert.match(nightly.description ?? '', /^every day at 02:00 Europe\/Berlin · (in \d+ (days?|hours?|minutes?)|this minute|now)$/);
    assert.equal(nightly.iconId, 'calendar');
    assert.equal(nightly.contextValue, 'schedule canDisable');
    assert.match(nightly.tooltip, /\*\*Next run:\*\* .+ \\\(.+ 02\\:00 in Europe\\\/Berlin\\\)/, 'absolute: the user\'s zone and the schedule\'s');
    const paused = view(children.find((node) => node.kind === 'schedule' && node.schedule.name === 'Half-hourly')!);
    assert.equal(paused.description, 'paused · every 30 minutes');
    assert.equal(paused.iconId, 'debug-pause');
    assert.equal(paused.contextValue, 'schedule canEnable');
  });

  test('a failing schedule list becomes the agent\'s error node; getChildren does not throw', async () => {
    sim.control.setFault({ route: 'GET agent/{id}/schedules', kind: 'status', status: 500 });
    const children = await agentChildren();
    assert.equal(children[0]?.kind, 'error');
  });

  test('disable shows the new state at once, then the server\'s answer', async () => {
    const node = await scheduleNode('Nightly');
    sim.control.setFault({ route: 'POST agent/{id}/schedules/{sid}/disable', kind: 'latency', latencyMs: 200, times: 1 });
    const done = setScheduleEnabled(deps, false, node);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(node.schedule.isEnabled, false, 'shown paused before the server answered');
    assert.equal(node.pending, 'disabling');
    assert.equal(view(node).iconId, 'sync~spin');
    const confirmed = await done;
    assert.equal(confirmed?.isEnabled, false);
    assert.equal(node.pending, undefined);
    assert.equal(view(node).contextValue, 'schedule canEnable');
    assert.equal(sim.control.getSchedule(nightlyId)?.isEnabled, false);
    // The default answer is a message, so the state was read back once (S3).
    assert.equal(routeCount('GET /api/v1/agent/{agentId}/schedules/{scheduleId}'), 1);
    sim.control.setVariants({ scheduleActionBody: 'schedule' });
    await setScheduleEnabled(deps, true, node);
    assert.equal(node.schedule.isEnabled, true);
    assert.equal(routeCount('GET /api/v1/agent/{agentId}/schedules/{scheduleId}'), 1, 'an answer with the schedule needs no read-back');
  });

  test('a refused change restores the old state and rethrows (the command wrapper says why)', async () => {
    const node = await scheduleNode('Nightly');
    sim.control.setHostileBodies('POST agent/{id}/schedules/{sid}/disable', [{ status: 403, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Forbidden', status: 403, detail: 'Missing scope agents:write.' }) }]);
    await assert.rejects(setScheduleEnabled(deps, false, node), (error: unknown) => ProblemError.is(error) && error.status === 403);
    assert.equal(node.schedule.isEnabled, true);
    assert.equal(node.pending, undefined);
    assert.equal(sim.control.getSchedule(nightlyId)?.isEnabled, true);
  });

  test('a lost answer is not sent again: the schedule is read, and what the server shows wins', async () => {
    const node = await scheduleNode('Nightly');
    // The server applies the disable, then the connection drops before the answer.
    sim.control.setFault({ route: 'POST agent/{id}/schedules/{sid}/disable', kind: 'commitThenDrop', times: 1 });
    const confirmed = await setScheduleEnabled(deps, false, node);
    assert.equal(confirmed?.isEnabled, false);
    assert.equal(node.schedule.isEnabled, false);
    assert.equal(routeCount('POST /api/v1/agent/{agentId}/schedules/{scheduleId}/disable'), 1);
    // Not applied at all (a 503 before the handler): the old state comes back and the error is shown.
    sim.control.setFault({ route: 'POST agent/{id}/schedules/{sid}/enable', kind: 'status', status: 503, times: 1 });
    await assert.rejects(setScheduleEnabled(deps, true, node));
    assert.equal(node.schedule.isEnabled, false);
    assert.equal(routeCount('POST /api/v1/agent/{agentId}/schedules/{scheduleId}/enable'), 1);
  });

  test('from the palette: an agent, then one of its paused schedules to enable', async () => {
    ui.answer('pick', byLabel(/Books$/), (shown) => {
      assert.deepEqual(shown.items?.map((item) => item.label), ['Half-hourly'], 'only schedules this applies to');
      return shown.items?.[0]?.value;
    });
    const enabled = await setScheduleEnabled(deps, true);
    assert.equal(enabled?.id, pausedId);
    assert.equal(sim.control.getSchedule(pausedId)?.isEnabled, true);
    assert.equal(ui.of('pick')[1]?.items?.[0]?.description, 'paused · every 30 minutes');
  });

  test('delete asks first; No keeps it, Delete removes it and the agent\'s list is read again', async () => {
    const node = await scheduleNode('Nightly');
    ui.answer('ask', undefined);
    assert.equal(await deleteSchedule(deps, node), false);
    assert.ok(sim.control.getSchedule(nightlyId));
    ui.answer('ask', 'Delete');
    assert.equal(await deleteSchedule(deps, node), true);
    assert.match(ui.of('ask')[1]?.message ?? '', /Delete the schedule Nightly of Books\?/);
    assert.equal(sim.control.getSchedule(nightlyId), undefined);
    assert.deepEqual((await agentChildren()).filter((n) => n.kind === 'schedule').map((n) => view(n).label), ['Half-hourly']);
    // Already gone (e.g. a first attempt whose answer was lost): counts as deleted.
    ui.answer('ask', 'Delete');
    assert.equal(await deleteSchedule(deps, { agentId, scheduleId: pausedId }), true);
    ui.answer('ask', 'Delete');
    sim.control.setFault({ route: 'GET agent/{id}/schedules/{sid}', kind: 'hostile', status: 200, contentType: 'application/json', body: JSON.stringify({ id: pausedId, configId: agentId, name: 'Half-hourly', scheduleType: 2, isEnabled: false }), times: 1 });
    assert.equal(await deleteSchedule(deps, { agentId, scheduleId: pausedId }), true);
  });

  test('delete with confirm: false in a plain argument (scripts) asks nothing', async () => {
    assert.equal(await deleteSchedule(deps, { agentId, scheduleId: pausedId, confirm: false }), true);
    assert.equal(ui.of('ask').length, 0, 'no question');
    assert.equal(sim.control.getSchedule(pausedId), undefined);
    assert.ok(sim.control.getSchedule(nightlyId), 'only that one');
  });

  test('Edit / New Schedule open the schedule\'s document and the agent\'s new.json (row, argument or palette)', async () => {
    const opened: string[] = [];
    const documents = { ...deps, openDocument: (path: string) => Promise.resolve(void opened.push(path)) };
    const node = await scheduleNode('Nightly');
    assert.equal(await editSchedule(documents, node), `/default/agents/${agentId}/schedules/${nightlyId}.json`);
    assert.equal(await editSchedule(documents, { agentId, scheduleId: pausedId }), `/default/agents/${agentId}/schedules/${pausedId}.json`);
    const agent = (await model.getChildren(child(await model.getChildren(), 'Ops')))[0];
    assert.equal(await newSchedule(documents, agent), `/default/agents/${agentId}/schedules/new.json`);
    ui.answer('pick', byLabel(/Books$/));
    assert.equal(await newSchedule(documents), `/default/agents/${agentId}/schedules/new.json`);
    assert.equal(await newSchedule(documents), undefined, 'a dismissed pick opens nothing');
    assert.equal(opened.length, 4);
  });

  test('Load more pages the agent\'s runs only: its schedules are not read again', async () => {
    for (let i = 0; i < 25; i++) sim.control.addRun(agentId, { status: 10 });
    const children = await agentChildren();
    assert.equal(routeCount('GET /api/v1/agent/{agentId}/schedules'), 1);
    const more = children.find((node) => node.kind === 'loadMore');
    assert.ok(more && more.kind === 'loadMore');
    await model.loadMore(more);
    const after = await model.getChildren((await model.getChildren(child(await model.getChildren(), 'Ops')))[0]);
    assert.deepEqual(after.filter((node) => node.kind === 'schedule').map((node) => view(node).label), ['Half-hourly', 'Nightly']);
    assert.equal(after.filter((node) => node.kind === 'run').length, 25);
    assert.equal(routeCount('GET /api/v1/agent/{agentId}/schedules'), 1, 'one schedules read for the expansion, none for Load more');
  });
});
