import * as assert from 'node:assert/strict';
import { startRun } from '../../../src/features/runs/startRun';
import type { Agent } from '../../../src/core/api/model';
import type { RunConfigEntryStart } from '../../../src/core/runConfig/runConfigSource';
import { flush } from '../../support/fakeClock';
import { runCommandsHarness } from '../../support/runCommandsHarness';

const agent = (id: number, name: string, inputParameters: Record<string, string> = {}): Agent => ({
  id,
  name,
  spaceId: null,
  lastStatus: 10,
  inputParameters,
});

suite('startRun command', () => {
  test('palette: recently started agents first, parameters prefilled and validated in Edit options, then one start', async () => {
    const h = runCommandsHarness();
    h.api.agents = [agent(1, 'Alpha'), agent(2, 'Beta', { url: 'https://example.com', pages: '' }), agent(3, 'Gamma')];
    await h.deps.runs.recentAgents.add(3);
    // The agent, then Edit options…, then Input parameters in the list, then Start.
    const listChoice = (kind: string, key?: string) => (shown: { items?: readonly { value: unknown }[] }) =>
      shown.items?.find((item) => { const value = item.value as { kind?: string; key?: string }; return value.kind === kind && value.key === key; })?.value;
    h.ui.answer('pick', (shown) => shown.items?.find((item) => (item.value as Agent).id === 2)?.value, 'edit', listChoice('edit', 'inputParameters'), listChoice('start'));
    let validate: ((value: string) => string | undefined) | undefined;
    h.ui.answer('askText', (shown) => {
      const options = shown.options as { value?: string; validate?: (v: string) => string | undefined };
      validate = options.validate;
      assert.deepEqual(JSON.parse(options.value ?? ''), { url: 'https://example.com', pages: '' });
      return '{"url": "https://example.org", "pages": 3}';
    });

    const outcome = await startRun(h.deps);

    const items = h.ui.of('pick')[0].items ?? [];
    assert.deepEqual(items.map((item) => (item.value as Agent).id), [3, 1, 2], 'recent first, then by name');
    assert.equal(items[0].group, 'recently started');
    assert.match(items[0].description ?? '', /last run: Success · #3/);
    assert.match(validate?.('{"url": ') ?? '', /Not valid JSON/);
    assert.match(validate?.('[1, 2]') ?? '', /must be a JSON object/);
    assert.equal(validate?.('{}'), undefined);
    assert.equal(outcome.kind, 'started');
    assert.deepEqual(h.api.startBodies, [{ inputParameters: { url: 'https://example.org', pages: 3 } }]);
    assert.deepEqual(h.deps.runs.recentAgents.ids(), [2, 3]);
    assert.equal(outcome.kind === 'started' && h.tracker.get({ agentId: 2, runId: outcome.run.id })?.pending, 'starting');
    assert.equal(outcome.kind === 'started' && h.tracker.get({ agentId: 2, runId: outcome.run.id })?.run.agentName, 'Beta');
    assert.match(h.ui.of('info')[0].message, /Started Beta: run #/);
  });

  test('palette: dismissing the agent pick, the Start / Edit options question or the options list sends nothing', async () => {
    const h = runCommandsHarness();
    h.api.agents = [agent(2, 'Beta', { url: '' })];
    assert.equal((await startRun(h.deps)).kind, 'cancelled');
    h.ui.answer('pick', (shown) => shown.items?.[0].value);
    assert.equal((await startRun(h.deps)).kind, 'cancelled', 'Start / Edit options dismissed');
    h.ui.answer('pick', (shown) => shown.items?.[0].value, 'edit', (shown) => shown.items?.[1].value);
    assert.equal((await startRun(h.deps)).kind, 'cancelled', 'parameters box then the options list dismissed');
    assert.equal(h.ui.of('askText').length, 1);
    assert.equal(h.api.count('startRun'), 0);
  });

  test('tree agent node: no pick, no parameters prompt; a run in flight asks Open existing / Start another', async () => {
    const h = runCommandsHarness();
    const running = h.api.addRun(5, 1);
    h.ui.answer('ask', 'Open Existing Run');
    const outcome = await startRun(h.deps, { kind: 'agent', id: 'x', envId: 'default', agent: agent(5, 'Delta') });
    assert.equal(outcome.kind, 'existing');
    assert.equal(h.ui.of('pick').length + h.ui.of('askText').length, 0);
    const ask = h.ui.of('ask')[0];
    assert.match(ask.message, new RegExp(`Delta already has a run in flight: #${running.id} \\(Running\\)`));
    assert.deepEqual(ask.actions, ['Open Existing Run', 'Start Another']);
    assert.equal((ask.options as { modal?: boolean }).modal, true);
    assert.deepEqual(h.shownRuns, [{ agentId: 5, runId: running.id }]);
    assert.equal(h.api.count('startRun'), 0);
    assert.equal(h.tracker.get({ agentId: 5, runId: running.id })?.run.status, 1, 'the existing run is followed');
  });

  test('double invocation while a start is pending: one POST, the second says so', async () => {
    const h = runCommandsHarness();
    let open!: () => void;
    h.api.startGate = new Promise((resolve) => (open = resolve));
    const first = startRun(h.deps, { agentId: 8, agentName: 'Eta' });
    await flush();
    const second = startRun(h.deps, { agentId: 8, agentName: 'Eta' });
    await flush();
    assert.match(h.ui.of('info')[0]?.message ?? '', /Eta is already being started/);
    open();
    const [a, b] = await Promise.all([first, second]);
    assert.equal(a, b);
    assert.equal(h.api.count('startRun'), 1);
  });

  test('run-config CodeLens: options sent as given, the outcome reported to the diagnostics port', async () => {
    const h = runCommandsHarness();
    h.api.startBehaviour = { status: 409, title: 'Agent is exclusive and already running' };
    const source = { uri: 'file:///w/a.sequentum.json', entryIndex: 0 };
    const outcome = await startRun(h.deps, { agentId: 9, options: { parallelism: 2 }, source });
    assert.equal(outcome.kind, 'not-started');
    assert.deepEqual(h.api.startBodies, [{ parallelism: 2 }]);
    assert.equal(h.reported.length, 1);
    assert.deepEqual(h.reported[0].source, source);
    assert.equal(h.reported[0].result, outcome);
    await flush();
    assert.match(h.ui.of('error')[0].message, /Could not start Agent 9: Agent is exclusive and already running/);
    assert.ok(!h.ui.of('error')[0].actions?.includes('Retry'), 'a 409 is not worth retrying as is');
  });

  test('a start by agent id alone (run-config CodeLens without a cached name) names the agent from the run the server answered', async () => {
    const h = runCommandsHarness();
    h.api.agents = [agent(1031, 'Nightly prices')];
    const source = { uri: 'file:///w/n.sequentum.json', entryIndex: 0 };
    const outcome = await startRun(h.deps, { agentId: 1031, options: {}, source });
    assert.equal(outcome.kind, 'started');
    await flush();
    const infos = h.ui.of('info').map((shown) => shown.message);
    assert.ok(infos.some((message) => /^Started Nightly prices: run #\d+\.$/.test(message)), infos.join('\n'));
    assert.ok(!infos.some((message) => message.includes('Agent 1031')), infos.join('\n'));
  });

  test('a CodeLens that knows the name (the cached agent list) passes it: progress and notice both name the agent', async () => {
    const h = runCommandsHarness();
    h.api.agents = [agent(1031, 'Nightly prices')];
    const source = { uri: 'file:///w/n.sequentum.json', entryIndex: 0 };
    await startRun(h.deps, { agentId: 1031, agentName: 'Nightly prices', options: {}, source });
    await flush();
    assert.deepEqual(h.ui.progress, ['Starting Nightly prices…']);
  });

  test("a run-config file's editor title: its only entry starts at once; with several, the picked one; nothing else is asked", async () => {
    const h = runCommandsHarness();
    const uri = 'file:///w/b.sequentum.json';
    // What VS Code hands an editor/title command: the file's Uri (an object with scheme and path).
    const fileArg = { scheme: 'file', path: '/w/b.sequentum.json', toString: () => uri };
    const entries: RunConfigEntryStart[] = [{ name: 'Nightly', args: { agentId: 9, options: { parallelism: 2 }, source: { uri, entryIndex: 0 } } }];
    const asked: string[] = [];
    h.deps.runs.runConfigProblems = {
      ...h.deps.runs.runConfigProblems!,
      startsIn: (wanted) => {
        asked.push(wanted);
        return Promise.resolve(wanted === uri ? entries : undefined);
      },
    };

    const single = await startRun(h.deps, fileArg);
    assert.equal(single.kind, 'started');
    assert.deepEqual(asked, [uri]);
    assert.deepEqual(h.api.startBodies, [{ parallelism: 2 }]);
    assert.equal(h.ui.of('pick').length + h.ui.of('askText').length, 0, 'no agent pick, no parameters box');
    assert.deepEqual(h.reported.map((r) => r.source), [{ uri, entryIndex: 0 }], 'reported to the file like a CodeLens start');

    entries.push({ name: '$(zap) Weekly', args: { agentId: 10, options: { inputParameters: { url: 'https://example.com' } }, source: { uri, entryIndex: 1 } } });
    h.ui.answer('pick', (shown) => shown.items?.[1].value);
    const picked = await startRun(h.deps, fileArg);
    assert.equal(picked.kind, 'started');
    const items = h.ui.of('pick')[0].items ?? [];
    assert.deepEqual(items.map((item) => item.label), ['Nightly', '\\$(zap) Weekly'], 'entry names are the user\'s text: no icons');
    assert.deepEqual(h.api.startBodies[1], { inputParameters: { url: 'https://example.com' } });

    assert.equal((await startRun(h.deps, fileArg)).kind, 'cancelled', 'a dismissed pick starts nothing');
    assert.equal(h.api.count('startRun'), 2);
  });

  test('ambiguous start with no run created: "may not have started" (never "did not start") with Retry; Retry starts again only when clicked', async () => {
    const h = runCommandsHarness();
    h.api.startBehaviour = 'drop';
    let clicked = false;
    h.ui.answer('error', () => {
      clicked = true;
      h.api.startBehaviour = 'ok';
      return 'Retry';
    });
    const pending = startRun(h.deps, { agentId: 4, agentName: 'Theta' });
    for (let i = 0; i < 30; i++) await h.clock.advance(1000);
    const outcome = await pending;
    assert.equal(outcome.kind, 'not-started');
    const error = h.ui.of('error')[0];
    assert.match(error.message, /Theta may not have started: .*No second request was sent/);
    assert.doesNotMatch(error.message, /did not start/);
    assert.deepEqual(error.actions, ['Retry', 'Show Log', 'Copy Details']);
    assert.ok(clicked);
    for (let i = 0; i < 5; i++) await h.clock.advance(1000);
    assert.equal(h.api.count('startRun'), 2, 'the user clicked Retry: one more POST');
    assert.equal(h.tracker.inFlight().length, 1);
  });

  test('a refused start (401) is the standard failure notification: Set API Key, Show Log, Copy Details', async () => {
    const h = runCommandsHarness();
    h.api.startBehaviour = { status: 401, title: 'Invalid API key' };
    const outcome = await startRun(h.deps, { agentId: 12, agentName: 'Iota' });
    assert.equal(outcome.kind, 'not-started');
    await flush();
    assert.equal(h.failures.length, 1, 'one notification');
    const shown = h.ui.of('error');
    assert.equal(shown.length, 1);
    assert.match(shown[0].message, /^Could not start Iota: Invalid API key/);
    assert.deepEqual(shown[0].actions, ['Set API Key', 'Show Log', 'Copy Details']);
    assert.match(h.failures[0].details, /"status": 401/);
  });

  test('a node of another environment starts on that environment\'s client and tracker', async () => {
    const h = runCommandsHarness();
    const other = runCommandsHarness();
    h.deps.runs.forEnvironment = (envId) => (envId === 'env-eu' ? other.deps.runs : h.deps.runs);
    const node = { kind: 'agent', id: 'env-eu/agent:7', envId: 'env-eu', agent: agent(7, 'Euro') };
    const outcome = await startRun(h.deps, node);
    assert.equal(outcome.kind, 'started');
    assert.equal(other.api.count('startRun'), 1);
    assert.equal(h.api.count('startRun'), 0, 'the default environment got nothing');
    assert.equal(outcome.kind === 'started' && other.tracker.get({ agentId: 7, runId: outcome.run.id })?.pending, 'starting');
    assert.equal(h.tracker.inFlight().length, 0);
    assert.equal((await startRun(h.deps, { agentId: 7, agentName: 'Default seven' })).kind, 'started');
    assert.equal(h.api.count('startRun'), 1, 'no envId: the default environment');
  });
});
