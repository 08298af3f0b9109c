// Run logs and the next run inside a real VS Code against the simulator: Open Run Log follows a
// live run in a read-only sequentum-log document with an outline of its errors; Run Again and
// Delete Run act through the registered commands (the public surface).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, control, until } from '../support/hostSupport';

interface Snapshot {
  id: number;
  status: number;
}

suite('run logs and the next run in a real VS Code', () => {
  let agentId: number;
  let failingId: number;

  suiteSetup(async () => {
    await activate();
    const space = await control<{ id: number }>('addSpace', { name: `Host Logs ${Date.now()}` });
    agentId = (await control<{ id: number }>('addAgent', { name: 'Host Log Agent', spaceId: space.id, durationSec: 40_000 })).id;
    failingId = (await control<{ id: number }>('addAgent', { name: 'Host Failing Agent', spaceId: space.id, behaviour: 'failure' })).id;
  });

  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('the five commands are registered', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of ['sequentum.openLog', 'sequentum.runAgain', 'sequentum.deleteRun', 'sequentum.runAllInSpace', 'sequentum.restoreVersion']) assert.ok(registered.has(id), `${id} is not registered`);
  });

  test('Open Run Log on a live run: a read-only sequentum-log document that grows while the run is in flight', async function () {
    this.timeout(60_000);
    const run = await control<Snapshot>('addRun', agentId);
    await vscode.commands.executeCommand('sequentum.openLog', { agentId, runId: run.id, agentName: 'Host Log Agent' });
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'no editor opened');
    const document = editor.document;
    assert.equal(document.uri.scheme, 'sequentum-log');
    assert.equal(document.languageId, 'sequentum-log');
    assert.match(document.lineAt(0).text, /^# Host Log Agent · run #\d+ · \w+ · following/);
    assert.match(document.getText(), /queued/);
    const first = document.getText().length;
    // The run moves on (simulator clock); the next background read appends its new lines.
    await control('advanceClock', 20_000);
    await until('the log grew', () => document.getText().length > first && /Extracted \d+ records/.test(document.getText()), 45_000);
    assert.ok(document.getText().startsWith(document.lineAt(0).text));
  });

  test('a failed run: complete log, and its errors in the outline', async () => {
    const run = await control<Snapshot>('addRun', failingId, { status: 6 });
    await vscode.commands.executeCommand('sequentum.openLog', { agentId: failingId, runId: run.id });
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document);
    assert.match(document.lineAt(0).text, /· Failure · complete$/);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    const errors = symbols.filter((symbol) => symbol.detail === 'Error');
    assert.ok(errors.length >= 1, `no error in the outline: ${JSON.stringify(symbols.map((s) => s.name))}`);
    assert.match(document.lineAt(errors[0].range.start.line).text, /ERROR/);
  });

  test('Run Again starts the agent once more; Delete Run removes a finished run', async () => {
    const old = await control<Snapshot>('addRun', failingId, { status: 6 });
    await control('resetCounters');
    await vscode.commands.executeCommand('sequentum.runAgain', { agentId: failingId, runId: old.id });
    const counters = await control<{ startPostsPerAgent: Record<string, number> }>('counters');
    assert.equal(counters.startPostsPerAgent[failingId], 1);
    await vscode.commands.executeCommand('sequentum.deleteRun', { agentId: failingId, runId: old.id, confirm: false });
    assert.equal(await control<Snapshot | null>('getRun', old.id), null);
  });
});
