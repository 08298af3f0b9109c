// Starting, following and stopping runs inside a real VS Code against the simulator, driven through
// the commands (as the tree, a CodeLens or a script calls them) and the extension's API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SequentumExtensionApi } from '../../src/container';
import type { StartOutcome } from '../../src/core/runs/runStarter';
import type { RunChangeEvent, RunTracker } from '../../src/core/runs/runTracker';
import { activate, control, nextPrompt } from '../support/hostSupport';

interface Counters {
  runsCreatedPerAgent: Record<string, number>;
  startPostsPerAgent: Record<string, number>;
}

async function startCounts(agentId: number): Promise<{ posts: number; created: number }> {
  const counters = await control<Counters>('counters');
  return { posts: counters.startPostsPerAgent[String(agentId)] ?? 0, created: counters.runsCreatedPerAgent[String(agentId)] ?? 0 };
}

/** Resolves with the finish of `runId` as the tracker reports it; fails after `timeoutMs`. */
function finishOf(tracker: RunTracker, runId: () => number | undefined, timeoutMs = 20_000): Promise<RunChangeEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`run ${runId()} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = tracker.onDidFinishRun((event) => {
      if (event.run.id !== runId()) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(event);
    });
  });
}

async function addAgent(name: string, behaviour: 'success' | 'endless', inputParameters: Record<string, string> = {}): Promise<number> {
  return (await control<{ id: number }>('addAgent', { name, behaviour, durationSec: 30, isExclusive: false, inputParameters })).id;
}

suite('runs in a real VS Code', () => {
  let api: SequentumExtensionApi;
  const config = () => vscode.workspace.getConfiguration('sequentum');

  suiteSetup(async () => {
    api = await activate();
    // Poll every second so finishes show within the test's time (the default is 10 s).
    await config().update('polling.intervalSeconds', 1, vscode.ConfigurationTarget.Global);
    await config().update('notifications.runFinished', 'off', vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await config().update('polling.intervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    await config().update('notifications.runFinished', undefined, vscode.ConfigurationTarget.Global);
  });

  test('startRun on an agent: followed at once as "Starting…", then finishes with Success', async () => {
    const agentId = await addAgent('Host runs: quick', 'success');
    const current: { runId?: number } = {};
    const finished = finishOf(api.runs, () => current.runId);
    const outcome = await vscode.commands.executeCommand<StartOutcome>('sequentum.startRun', { agentId, agentName: 'Host runs: quick' });
    assert.equal(outcome.kind, 'started', JSON.stringify(outcome));
    const runId = (current.runId = outcome.run.id);
    const tracked = api.runs.get({ agentId, runId });
    assert.equal(tracked?.pending, 'starting', 'the run is followed before the first poll');
    assert.equal(tracked?.run.agentName, 'Host runs: quick');
    const event = await finished;
    assert.equal(event.run.status, 10);
    assert.equal(api.runs.get({ agentId, runId }), undefined, 'no longer followed once finished');
    assert.deepEqual(await startCounts(agentId), { posts: 1, created: 1 });
  });

  test('startRun with a tree agent node and start options', async () => {
    const agentId = await addAgent('Host runs: from the tree', 'success', { url: '' });
    const node = { kind: 'agent', id: `default/agent:${agentId}`, envId: 'default', agent: { id: agentId, name: 'Host runs: from the tree', spaceId: null, lastStatus: null, inputParameters: {} } };
    const outcome = await vscode.commands.executeCommand<StartOutcome>('sequentum.startRun', node, { inputParameters: { url: 'https://example.com' } });
    assert.equal(outcome.kind, 'started', JSON.stringify(outcome));
    assert.deepEqual(await startCounts(agentId), { posts: 1, created: 1 });
  });

  test('palette: the agent pick lists recently started agents first; "Start with these options" sends the declared parameters', async () => {
    const name = 'Host runs: palette';
    const agentId = await addAgent(name, 'success', { region: 'eu' });
    // Make it the most recently started agent, so it is the first item of the pick.
    const current: { runId?: number } = {};
    const firstFinished = finishOf(api.runs, () => current.runId);
    const first = await vscode.commands.executeCommand<StartOutcome>('sequentum.startRun', { agentId, agentName: name });
    assert.equal(first.kind, 'started');
    current.runId = first.run.id;
    await firstFinished; // the simulated run ends (timeScale 1000) before the second start
    const pickShown = nextPrompt(api, 'pick');
    const pending = vscode.commands.executeCommand<StartOutcome>('sequentum.startRun');
    const pick = await pickShown;
    assert.ok(pick.kind === 'pick' && pick.labels[0]?.endsWith(` ${name}`), `first item: ${JSON.stringify(pick)}`);
    const choiceShown = nextPrompt(api, 'pick');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // the first item
    const choice = await choiceShown;
    assert.ok(choice.kind === 'pick', JSON.stringify(choice));
    assert.equal(choice.title, `Start ${name}`);
    assert.deepEqual(choice.labels, ['$(play) Start with these options', '$(settings-edit) Edit options…']);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // start with them
    const outcome = await pending;
    assert.equal(outcome.kind, 'started', JSON.stringify(outcome));
    assert.equal(outcome.run.agentId, agentId);
    assert.deepEqual(await startCounts(agentId), { posts: 2, created: 2 });
  });

  test("palette start with options: the server's refusal of a parameter reopens its box with the server's words, no notification; Escape twice sends nothing more", async () => {
    const name = 'Host runs: refused option';
    // A declared parameter without a value: the simulator refuses '' for a URL parameter (400, field error).
    const agentId = await addAgent(name, 'success', { startUrl: '' });
    const current: { runId?: number } = {};
    const firstFinished = finishOf(api.runs, () => current.runId);
    const first = await vscode.commands.executeCommand<StartOutcome>('sequentum.startRun', { agentId, agentName: name, options: { inputParameters: { startUrl: 'https://example.com' } } });
    assert.equal(first.kind, 'started', JSON.stringify(first));
    current.runId = first.run.id;
    await firstFinished;
    const errors: string[] = [];
    const watch = api.onDidShowPrompt((prompt) => void (prompt.kind === 'notification' && prompt.severity !== 'info' && errors.push(prompt.message)));
    try {
      const agentPick = nextPrompt(api, 'pick');
      const pending = vscode.commands.executeCommand<StartOutcome>('sequentum.startRun');
      assert.ok((await agentPick).kind === 'pick');
      const choice = nextPrompt(api, 'pick');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // the agent (recent first)
      await choice;
      const reopened = nextPrompt(api, 'input');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // Start with these options
      const box = await reopened;
      assert.ok(box.kind === 'input', JSON.stringify(box));
      assert.equal(box.title, `Start ${name}: Input parameters`);
      assert.deepEqual(JSON.parse(box.value ?? ''), { startUrl: '' });
      assert.match(box.validation ?? '', /'startUrl' must be an absolute URL/, 'the server message at the field');
      const list = nextPrompt(api, 'pick');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen'); // back to the options list
      const shownList = await list;
      assert.ok(shownList.kind === 'pick' && shownList.labels[0] === '$(play) Start', JSON.stringify(shownList));
      assert.ok(shownList.labels.includes('$(error) Input parameters'), 'the refused option is marked');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      const outcome = await pending;
      assert.equal(outcome.kind, 'cancelled', JSON.stringify(outcome));
    } finally {
      watch.dispose();
    }
    assert.deepEqual(errors, [], 'no failure notification');
    assert.deepEqual(await startCounts(agentId), { posts: 2, created: 1 }, 'the first start and the refused one');
  });

  test('stopRun: "Stopping…" until the server confirms, then Stopped', async () => {
    const agentId = await addAgent('Host runs: endless', 'endless');
    const current: { runId?: number } = {};
    const finished = finishOf(api.runs, () => current.runId);
    const outcome = await vscode.commands.executeCommand<StartOutcome>('sequentum.startRun', { agentId });
    assert.equal(outcome.kind, 'started', JSON.stringify(outcome));
    const runId = (current.runId = outcome.run.id);
    const stopped = await vscode.commands.executeCommand<{ id: number } | undefined>('sequentum.stopRun', { agentId, runId, confirm: false });
    assert.equal(stopped?.id, runId);
    const pending = api.runs.get({ agentId, runId })?.pending;
    assert.ok(pending === 'stopping' || pending === undefined, `pending ${pending}`);
    const event = await finished;
    assert.equal(event.run.status, 8);
  });

  test('an ambiguous start (commit, then the answer is lost) is adopted: one POST, one run', async () => {
    const agentId = await addAgent('Host runs: lost answer', 'endless');
    await control('setFault', { route: 'POST /api/v1/agent/{agentId}/start', kind: 'commitThenDrop', times: 1 });
    const outcome = await vscode.commands.executeCommand<StartOutcome>('sequentum.startRun', { agentId });
    assert.equal(outcome.kind, 'adopted', JSON.stringify(outcome));
    assert.deepEqual(await startCounts(agentId), { posts: 1, created: 1 });
    assert.ok(api.runs.get({ agentId, runId: outcome.run.id }), 'the adopted run is followed');
    await vscode.commands.executeCommand('sequentum.killRun', { agentId, runId: outcome.run.id, confirm: false });
  });
});
