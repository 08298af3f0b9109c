// Schedule documents inside a real VS Code against the simulator: Edit / New Schedule open a
// `sequentum:` document, typing is checked, the hover explains, saving writes to the server, and a
// refusal lands on the field while the edit stays.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AgentNode, ScheduleNode, TreeNode } from '../../src/core/tree/nodes';
import { activate, control, until } from '../support/hostSupport';

suite('schedule documents in a real VS Code', () => {
  const spaceName = `Host Schedule Documents ${Date.now()}`;
  let agentId: number;
  let scheduleId: number;

  suiteSetup(async () => {
    const space = await control<{ id: number }>('addSpace', { name: spaceName });
    agentId = (await control<{ id: number }>('addAgent', { name: 'Host Document Agent', spaceId: space.id })).id;
    scheduleId = (await control<{ id: number }>('addSchedule', agentId, { name: 'Host Doc Nightly', scheduleType: 3, cronExpression: '0 2 * * *', timezone: 'Europe/Berlin' })).id;
  });
  teardown(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  async function agentChildren(): Promise<{ agent: AgentNode; children: TreeNode[] }> {
    const { tree } = await activate();
    tree.refresh();
    const space = (await tree.getChildren()).find((node) => node.kind === 'space' && node.space.name === spaceName);
    assert.ok(space, 'space not listed');
    const agent = (await tree.getChildren(space)).find((node): node is AgentNode => node.kind === 'agent' && node.agent.id === agentId);
    assert.ok(agent, 'agent not listed');
    return { agent, children: await tree.getChildren(agent) };
  }

  async function scheduleNode(id: number): Promise<ScheduleNode> {
    const node = (await agentChildren()).children.find((child): child is ScheduleNode => child.kind === 'schedule' && child.schedule.id === id);
    assert.ok(node, `schedule ${id} not listed`);
    return node;
  }

  async function openSchedule(): Promise<vscode.TextEditor> {
    await vscode.commands.executeCommand('sequentum.editSchedule', await scheduleNode(scheduleId));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), `sequentum:/default/agents/${agentId}/schedules/${scheduleId}.json`);
    return editor;
  }

  async function replace(editor: vscode.TextEditor, from: string, to: string): Promise<void> {
    const start = editor.document.getText().indexOf(from);
    assert.ok(start >= 0, `${from} not in the document`);
    await editor.edit((edit) => edit.replace(new vscode.Range(editor.document.positionAt(start), editor.document.positionAt(start + from.length)), to));
  }

  const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Sequentum');

  test('Edit Schedule opens it as JSON; saving writes it (S4) and the row shows the new words', async () => {
    const editor = await openSchedule();
    assert.equal(editor.document.languageId, 'json');
    assert.match(editor.document.getText(), /"scheduleType": "CRON"/);
    await replace(editor, '0 2 * * *', '30 6 * * 1-5');
    await editor.document.save();
    await until('the save', () => !editor.document.isDirty);
    const node = await scheduleNode(scheduleId);
    assert.equal(node.schedule.cronExpression, '30 6 * * 1-5');
    // The server fires on the new expression: 06:30 on Berlin's clock (05:30 UTC in winter, 04:30 in
    // summer; this read only 05:30 and would have failed from late March to late October).
    const { nextRunTime } = await control<{ nextRunTime: string }>('getSchedule', scheduleId);
    const berlin = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.parse(nextRunTime));
    assert.match(berlin, /^(Mon|Tue|Wed|Thu|Fri),? 06:30$/);
  });

  test('typing a bad CRON is marked at once; the hover gives words and the next five runs; zones complete', async () => {
    const editor = await openSchedule();
    const uri = editor.document.uri;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, editor.document.positionAt(editor.document.getText().indexOf('6 * *')));
    const text = hovers.flatMap((hover) => hover.contents.map((part) => (typeof part === 'string' ? part : part.value))).join('\n').replace(/\\(.)/g, '$1');
    assert.match(text, /Runs every weekday at 06:30 Europe\/Berlin/);
    assert.equal(text.split('\n').filter((line) => /^- .*06:30/.test(line)).length, 5);
    const zoneAt = editor.document.positionAt(editor.document.getText().indexOf('Berlin'));
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, zoneAt);
    assert.ok(completions.items.some((item) => item.label === 'America/New_York'), 'IANA zones offered');
    await replace(editor, '30 6 * * 1-5', '30 26 * * 1-5');
    await until('the CRON check', () => ours(uri).some((d) => /hour field's '26' is outside 0–23/.test(d.message)));
  });

  test('a server refusal (422) lands on the field it names; the document stays dirty with the edit', async () => {
    const editor = await openSchedule();
    await replace(editor, '"CRON"', '"RunEvery", "runEveryCount": 0, "runEveryPeriod": "Minutes"');
    await editor.document.save();
    await until('the refusal on the field', () => ours(editor.document.uri).some((d) => /RunEveryCount must be between 1 and 1000/.test(d.message)));
    assert.equal(editor.document.isDirty, true, 'nothing is lost');
    assert.match(editor.document.getText(), /"runEveryCount": 0/);
    const refused = ours(editor.document.uri).find((d) => /RunEveryCount must be between 1 and 1000/.test(d.message));
    assert.ok(refused, JSON.stringify(ours(editor.document.uri).map((d) => d.message)));
    assert.equal(editor.document.getText(refused.range), '0');
    assert.equal((await scheduleNode(scheduleId)).schedule.kind, 'cron', 'the server kept the schedule');
  });

  test('New Schedule: saving new.json creates the schedule and its document takes the tab', async () => {
    await vscode.commands.executeCommand('sequentum.newSchedule', (await agentChildren()).agent);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), `sequentum:/default/agents/${agentId}/schedules/new.json`);
    await replace(editor, 'New schedule', 'Host Created');
    // Not save()'s result: the tab it saved is closed in favour of the created schedule's.
    await editor.document.save();
    await until('the created schedule\'s document', () => /\/schedules\/\d+\.json$/.test(vscode.window.activeTextEditor?.document.uri.path ?? ''));
    const created = (await agentChildren()).children.find((node): node is ScheduleNode => node.kind === 'schedule' && node.schedule.name === 'Host Created');
    assert.ok(created, 'the tree lists the new schedule');
    assert.equal(vscode.window.activeTextEditor?.document.uri.path, `/default/agents/${agentId}/schedules/${created.schedule.id}.json`);
    const newTabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.path.endsWith('/new.json'));
    await until('new.json closed', () => newTabs().length === 0);
  });
});
