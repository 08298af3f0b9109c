// Credits, spending and run health inside a real VS Code over the simulator: Show Spending's
// document, Show Run Diagnostics on a flagged run and on a run without enough history, the credits
// status bar item (text, tooltip, hidden on 403 with one log line and no error), cost on a run row.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { SequentumExtensionApi } from '../../src/container';
import type { AgentNode, RunNode, TreeNode } from '../../src/core/tree/nodes';
import { activate, control, EXTENSION_ID, until } from '../support/hostSupport';

/** Markdown with its escapes removed, to read what it says. */
const unescaped = (text: string): string => text.replace(/\\(.)/g, '$1');

function named(nodes: TreeNode[], kind: 'space' | 'agent', name: string): TreeNode {
  const found = nodes.find((node) => (node.kind === 'space' && kind === 'space' && node.space.name === name) || (node.kind === 'agent' && kind === 'agent' && node.agent.name === name));
  assert.ok(found, `no ${kind} "${name}" among ${JSON.stringify(nodes.map((node) => node.id))}`);
  return found;
}

async function documentText(path: string): Promise<string> {
  const uri = vscode.Uri.from({ scheme: 'sequentum-diagnostics', path });
  await until(`${path} is open`, () => vscode.workspace.textDocuments.some((doc) => doc.uri.toString() === uri.toString()));
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

/**
 * The extension's log file (what the Sequentum output channel shows). The code-server runner gives
 * VS Code a throwaway state folder with HOME at `<state>/home` and the user data at `<state>/ud`;
 * the log channel writes to `ud/logs/<session>/exthost1/<extension id>/Sequentum.log`. (An output
 * channel's document has no text for other extensions, so the file is read.)
 */
function logText(): string {
  const home = process.env.HOME;
  assert.ok(home, 'HOME is not set');
  const logs = join(home, '..', 'ud', 'logs');
  const files = readdirSync(logs, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.replace(/\\/g, '/').endsWith(`${EXTENSION_ID}/Sequentum.log`))
    .map((file) => join(logs, file))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  assert.ok(files[0], `no Sequentum.log under ${logs}`);
  return readFileSync(files[0], 'utf8');
}

/** Re-reads the credits now: a change of `sequentum.billing.refreshMinutes` does (as a person's would). */
async function rereadCredits(): Promise<void> {
  const config = vscode.workspace.getConfiguration('sequentum');
  const minutes = config.get<number>('billing.refreshMinutes') ?? 15;
  await config.update('billing.refreshMinutes', minutes === 15 ? 14 : 15, vscode.ConfigurationTarget.Global);
}

suite('credits, spending and run health in a real VS Code', () => {
  const spaceName = `Host Cost ${Date.now()}`;
  let api: SequentumExtensionApi;
  let key: string;
  let broken: { agentId: number; runId: number };
  let young: { agentId: number; runId: number };

  suiteSetup(async () => {
    api = await activate();
    key = process.env.SEQUENTUM_API_KEY ?? '';
    assert.ok(key, 'the host tier passes the simulator key as SEQUENTUM_API_KEY');
    await control('setCreditGrant', 5000);
    const space = await control<{ id: number }>('addSpace', { name: spaceName });
    const brokenAgent = await control<{ id: number }>('addAgent', { name: 'Host cost: broken prices', behaviour: 'success', spaceId: space.id });
    const history = await control<{ runIds: number[]; brokenRunIds: number[] }>('addRunHistory', brokenAgent.id, { runs: 12, seed: 3, breakage: { kind: 'zeroRecords', fromRun: 11 } });
    broken = { agentId: brokenAgent.id, runId: history.brokenRunIds[0] ?? -1 };
    const youngAgent = await control<{ id: number }>('addAgent', { name: 'Host cost: new agent', behaviour: 'success', spaceId: space.id });
    const youngHistory = await control<{ runIds: number[] }>('addRunHistory', youngAgent.id, { runs: 3, seed: 4 });
    young = { agentId: youngAgent.id, runId: youngHistory.runIds.at(-1) ?? -1 };
  });

  suiteTeardown(async () => {
    // The credits were re-read by changing this setting: leave it as the next suite expects it.
    await vscode.workspace.getConfiguration('sequentum').update('billing.refreshMinutes', undefined, vscode.ConfigurationTarget.Global);
  });

  teardown(async () => {
    await control('setBillingAccess', key, true);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Show Spending opens the spending document: credits, this week, cost per agent this month', async () => {
    // A run that ended a moment ago: the history's last run ends ~45 minutes before the suite, so in
    // the first hour of a month it had no cost this month and the row was missing (CI, 1 December 00:35 UTC).
    await control('addRun', broken.agentId, { status: 10, createdAt: Date.now() - 61_000, simSeconds: 60 });
    await vscode.commands.executeCommand('sequentum.showSpending');
    const text = unescaped(await documentText('/spending.md'));
    assert.match(text, /^# Sequentum spending\n/);
    assert.match(text, /\*\*Available credits:\*\* [\d,.]+/);
    assert.match(text, /\*\*Spent this week:\*\* [\d,.]+/);
    assert.match(text, /## Cost per agent this month/);
    assert.match(text, /\| Host cost: broken prices \| [\d,.]+ \|/);
  });

  test('Show Run Diagnostics on a flagged run: the Run health section names the measure and the usual value', async () => {
    await vscode.commands.executeCommand('sequentum.showRunDiagnostics', { agentId: broken.agentId, runId: broken.runId });
    const text = unescaped(await documentText(`/agent-${broken.agentId}/run-${broken.runId}.md`));
    assert.match(text, /## Run health\n\n\*\*Unusual\*\* — 0 records — usually ≈ [\d,]+/);
    assert.match(text, /\| Records extracted \| 0[^|]*\| ≈ [\d,]+[^|]*\| −100 % \|/);
  });

  test('Show Run Diagnostics on a run without enough history says so, and flags nothing', async () => {
    await vscode.commands.executeCommand('sequentum.showRunDiagnostics', { agentId: young.agentId, runId: young.runId });
    const text = unescaped(await documentText(`/agent-${young.agentId}/run-${young.runId}.md`));
    assert.match(text, /## Run health\n\nNot judged: [0-4] of 5 earlier successful runs of this agent are known; the usual range needs at least 5\./);
    assert.doesNotMatch(text, /Unusual/);
  });

  test('a run row shows its cost (description and tooltip) once known; the flagged run its warning line', async () => {
    const { tree } = api;
    tree.refresh();
    const agent = named(await tree.getChildren(named(await tree.getChildren(), 'space', spaceName)), 'agent', 'Host cost: broken prices') as AgentNode;
    const rows = async (): Promise<RunNode[]> => (await tree.getChildren(agent)).filter((node): node is RunNode => node.kind === 'run');
    const brokenRow = async (): Promise<vscode.TreeItem | undefined> => {
      const node = (await rows()).find((row) => row.run.id === broken.runId);
      return node ? api.treeItem(node) : undefined;
    };
    let item: vscode.TreeItem | undefined;
    const end = Date.now() + 20_000;
    // The cost arrives with the agent's one B6 page (background lane), after the runs list.
    while (!/credits/.test(String((item = await brokenRow())?.description)) && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 200));
    assert.match(String(item?.description), /^success · 0 records — usually ≈ [\d,]+ · [\d.]+ credits$/);
    assert.equal((item?.iconPath as vscode.ThemeIcon | undefined)?.id, 'warning');
    const tooltip = unescaped((item?.tooltip as vscode.MarkdownString | undefined)?.value ?? '');
    assert.match(tooltip, /\*\*Cost:\*\* [\d.]+ credits/);
    assert.match(tooltip, /\*\*Health:\*\* unusual: 0 records/);
  });

  test('the credits status bar item: credits and this week in the tooltip; hidden on 403, said once in the log, not as an error', async function () {
    // The log file is found through the code-server runner's state layout (see logText).
    if (process.env.SEQUENTUM_TEST_LAUNCHER === 'electron') this.skip();
    await rereadCredits();
    await until('the credits item is shown', () => api.credits().visible);
    assert.match(api.credits().text, /^\$\(credit-card\) [\d,.]+$/);
    const tooltip = unescaped(api.credits().tooltip);
    assert.match(tooltip, /\*\*Sequentum credits:\*\* [\d,.]+/);
    assert.match(tooltip, /\*\*Spent this week:\*\* [\d,.]+/);

    await control('setBillingAccess', key, false);
    await rereadCredits();
    await until('the credits item is hidden', () => !api.credits().visible);
    await rereadCredits();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const log = logText();
    const lines = log.split('\n').filter((line) => /Credits: .*no billing access/.test(line));
    assert.equal(lines.length, 1, `said once: ${lines.join(' | ')} — log tail: ${log.slice(-1500)}`);
    assert.match(lines[0] ?? '', /\[info\]/);
    assert.doesNotMatch(log, /\[(error|warning)\].*(Credits|billing\/credits)/, 'no warning or error about it');

    await control('setBillingAccess', key, true);
    await rereadCredits();
    await until('the credits item is back', () => api.credits().visible);
  });
});
