// Save Output File As… and Download All Output Files in a real VS Code against the simulator: the
// commands as the tree's context menus and the palette call them, the dialogs answered through the
// extension's test hook (a system dialog cannot be driven from the extension host), the files on disk.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import type { SequentumExtensionApi } from '../../src/container';
import type { FileNode, RunNode, TreeNode } from '../../src/core/tree/nodes';
import { fileDialogHookFor, type FileDialog } from '../../src/platform/fileDialogs';
import { activate, control, nextPrompt } from '../support/hostSupport';

/** What the server calls each file → the name it gets on disk. */
const NAMES: Array<[string, string]> = [
  ['report.csv', 'report.csv'],
  ['REPORT.csv', 'REPORT (1).csv'],
  ['../../escape.txt', '_.._escape.txt'],
  ['CON.log', '_CON.log'],
  ['invoice\u202Etxt.exe.csv', 'invoice_txt.exe.csv'],
];

suite('Save As and Download All in a real VS Code', () => {
  let api: SequentumExtensionApi;
  const spaceName = `Run Files ${Date.now()}`;
  let agentId: number;
  let runId: number;
  let scratch: string;
  let dialogs: FileDialog[];
  let answer: (dialog: FileDialog) => string | undefined;
  let hook: vscode.Disposable;

  suiteSetup(async () => {
    api = await activate();
    const space = await control<{ id: number }>('addSpace', { name: spaceName });
    agentId = (await control<{ id: number }>('addAgent', { name: 'Run Files Agent', spaceId: space.id })).id;
    runId = (await control<{ id: number }>('addRun', agentId, { status: 10, dataCount: 3 })).id;
    for (const [name] of NAMES) await control('addFile', agentId, runId, { name, kind: 'csv', content: `content of ${JSON.stringify(name)}\n` });
    scratch = mkdtempSync(join(tmpdir(), 'seq-host-run-files-'));
    assert.ok(api.answerFileDialogs, 'the dialog hook is offered while the extension runs its tests (and only then)');
    hook = api.answerFileDialogs((dialog) => {
      dialogs.push(dialog);
      return answer(dialog);
    });
  });
  suiteTeardown(() => {
    hook.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });
  setup(() => {
    dialogs = [];
    answer = () => undefined;
  });

  async function runNode(): Promise<RunNode> {
    api.tree.refresh();
    const find = (nodes: TreeNode[], test: (node: TreeNode) => boolean): TreeNode => {
      const found = nodes.find(test);
      assert.ok(found, `not found among ${JSON.stringify(nodes.map((node) => node.id))}`);
      return found;
    };
    const space = find(await api.tree.getChildren(), (node) => node.kind === 'space' && node.space.name === spaceName);
    const agent = find(await api.tree.getChildren(space), (node) => node.kind === 'agent' && node.agent.id === agentId);
    return find(await api.tree.getChildren(agent), (node) => node.kind === 'run' && node.run.id === runId) as RunNode;
  }

  test('the dialog hook is on the extension API only while the extension runs its tests', () => {
    assert.equal(fileDialogHookFor(vscode.ExtensionMode.Production), undefined);
    assert.equal(fileDialogHookFor(vscode.ExtensionMode.Development), undefined);
    assert.equal(typeof fileDialogHookFor(vscode.ExtensionMode.Test), 'function');
  });

  test('Save Output File As… on a file row: the save dialog proposes the safe name; the file lands at the chosen path', async () => {
    const files = (await api.tree.getChildren(await runNode())) as FileNode[];
    const node = files.find((candidate) => candidate.file.name === 'invoice\u202Etxt.exe.csv');
    assert.ok(node);
    const target = join(scratch, 'my copy.csv');
    answer = (dialog) => (dialog.kind === 'saveFile' ? target : undefined);
    const saved = nextPrompt(api, 'notification');
    const done = vscode.commands.executeCommand('sequentum.saveFileAs', node);
    const notification = await saved;
    assert.equal(notification.severity, 'info');
    assert.match(notification.message, /^Saved my copy\.csv \(\d+ B\)\.$/);
    assert.deepEqual(notification.actions, ['Reveal']);
    await vscode.commands.executeCommand('notifications.clearAll');
    await done;
    assert.equal(dialogs.length, 1);
    assert.equal(dialogs[0].kind, 'saveFile');
    assert.equal(dialogs[0].kind === 'saveFile' ? basename(dialogs[0].defaultPath) : '', 'invoice_txt.exe.csv');
    assert.equal(readFileSync(target, 'utf8'), `content of ${JSON.stringify('invoice\u202Etxt.exe.csv')}\n`);
  });

  test('Download All Output Files on a run row: every file, under safe and distinct names, inside the chosen folder', async () => {
    const folder = mkdtempSync(join(scratch, 'all-'));
    answer = (dialog) => (dialog.kind === 'folder' ? folder : undefined);
    const summary = nextPrompt(api, 'notification');
    const done = vscode.commands.executeCommand('sequentum.downloadAllFiles', await runNode());
    const notification = await summary;
    assert.match(notification.message, new RegExp(`^Saved the \\d+ files of run #${runId} `));
    await vscode.commands.executeCommand('notifications.clearAll');
    await done;
    const saved = readdirSync(folder);
    for (const [raw, local] of NAMES) assert.ok(saved.includes(local), `${JSON.stringify(raw)} as ${local}: ${JSON.stringify(saved)}`);
    assert.ok(saved.every((name) => !name.endsWith('.part')));
    assert.deepEqual(readdirSync(scratch).filter((name) => name.includes('escape')), [], 'nothing outside the folder');
    assert.equal(readFileSync(join(folder, 'REPORT (1).csv'), 'utf8'), `content of ${JSON.stringify('REPORT.csv')}\n`);
  });

  test('Download All Output Files for an agent asks for the run; dismissing the folder dialog saves nothing', async () => {
    const pickShown = nextPrompt(api, 'pick');
    const done = vscode.commands.executeCommand('sequentum.downloadAllFiles', { agentId, agentName: 'Run Files Agent' });
    const pick = await pickShown;
    assert.ok(pick.labels.length >= 1, JSON.stringify(pick));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // the newest run
    await done;
    assert.deepEqual(dialogs.map((dialog) => dialog.kind), ['folder']);
    assert.match(dialogs[0].title, new RegExp(`^Download the \\d+ files of run #${runId} to…$`));
  });
});
