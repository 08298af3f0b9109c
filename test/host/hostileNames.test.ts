// File names from the server, as a real VS Code shows and saves them (issue 10 §5): a run's output
// files named with Windows device names, trailing dots, bidi and control characters, path
// separators, HTML and link/icon syntax. The Agents view's items (built by the real provider) carry
// the neutralised name and an untrusted tooltip; Open Output File saves each under that name inside
// the opened-files cache folder of its run — never outside it, never under the name the server sent.
import * as assert from 'node:assert/strict';
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import type { SequentumExtensionApi } from '../../src/container';
import type { FileNode, TreeNode } from '../../src/core/tree/nodes';
import { linkedTextLinks, renderedIcons } from '../support/vscodeGrammar';
import { activate, control } from '../support/hostSupport';

/** What the server calls each file → the name the view shows and the file gets on disk. */
const NAMES: Array<[string, string]> = [
  ['CON.csv', '_CON.csv'],
  ['report.csv. . ', 'report.csv'],
  ['invoice\u202Etxt.exe.csv', 'invoice_txt.exe.csv'],
  ['..\\..\\escape.txt', '_.._escape.txt'],
  ['../../escape2.txt', '_.._escape2.txt'],
  ['tab\there\u0007.log', 'tab_here_.log'],
  ['<img src=x onerror=alert(1)>.json', '_img src=x onerror=alert(1)_.json'],
  ['$(warning) [x](command:sequentum.clearApiKey).txt', '$(warning) [x](command_sequentum.clearApiKey).txt'],
];

// eslint-disable-next-line no-control-regex
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

function labelOf(item: vscode.TreeItem): string {
  const { label } = item;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

suite('hostile file names in a real VS Code: the view and the saved files', () => {
  let api: SequentumExtensionApi;
  const spaceName = `Hostile Names ${Date.now()}`;
  let agentId: number;
  let runId: number;

  suiteSetup(async () => {
    api = await activate();
    const space = await control<{ id: number }>('addSpace', { name: spaceName });
    agentId = (await control<{ id: number }>('addAgent', { name: 'Hostile Names Agent', spaceId: space.id })).id;
    runId = (await control<{ id: number }>('addRun', agentId, { status: 10, dataCount: 3 })).id;
    for (const [name] of NAMES) await control('addFile', agentId, runId, { name, kind: 'csv', content: `content of ${JSON.stringify(name)}\n` });
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function fileNodes(): Promise<FileNode[]> {
    api.tree.refresh();
    const find = (nodes: TreeNode[], test: (node: TreeNode) => boolean): TreeNode => {
      const found = nodes.find(test);
      assert.ok(found, `not found among ${JSON.stringify(nodes.map((node) => node.id))}`);
      return found;
    };
    const space = find(await api.tree.getChildren(), (node) => node.kind === 'space' && node.space.name === spaceName);
    const agent = find(await api.tree.getChildren(space), (node) => node.kind === 'agent' && node.agent.id === agentId);
    const run = find(await api.tree.getChildren(agent), (node) => node.kind === 'run' && node.run.id === runId);
    return (await api.tree.getChildren(run)).filter((node): node is FileNode => node.kind === 'file');
  }

  test('the view labels each file with its neutralised name; the tooltip is untrusted Markdown with the raw name escaped', async () => {
    const nodes = await fileNodes();
    for (const [raw, expected] of NAMES) {
      const node = nodes.find((candidate) => candidate.file.name === raw);
      assert.ok(node, `no node for ${JSON.stringify(raw)}`);
      const item = api.treeItem(node);
      const label = labelOf(item);
      assert.equal(label, expected, `label of ${JSON.stringify(raw)}`);
      assert.ok(!CONTROL_OR_BIDI.test(label) && !/[/\\<>:"|?*]/.test(label), `label ${JSON.stringify(label)}`);
      const tooltip = item.tooltip;
      assert.ok(tooltip instanceof vscode.MarkdownString, 'the tooltip is Markdown');
      assert.ok(tooltip.isTrusted !== true && tooltip.supportHtml !== true && tooltip.supportThemeIcons !== true, 'untrusted, no HTML, no icons');
      assert.ok(!CONTROL_OR_BIDI.test(tooltip.value.replace(/\n/g, '')), `tooltip keeps a control or bidi character: ${JSON.stringify(tooltip.value)}`);
      assert.ok(!/\]\(command:/i.test(tooltip.value.replace(/\\./g, '')), `tooltip forms a command link: ${tooltip.value}`);
      assert.ok(!/<img/i.test(tooltip.value.replace(/\\</g, '')), `tooltip holds raw HTML: ${tooltip.value}`);
      assert.deepEqual(renderedIcons(tooltip.value), [], `tooltip renders an icon: ${tooltip.value}`);
      assert.deepEqual(linkedTextLinks(label), []);
    }
  });

  test('Open Output File saves each file under its neutralised name inside the run’s cache folder and opens it', async () => {
    const nodes = await fileNodes();
    const folders = new Set<string>();
    for (const [raw, expected] of NAMES) {
      const node = nodes.find((candidate) => candidate.file.name === raw);
      assert.ok(node);
      await vscode.commands.executeCommand('sequentum.openFile', node);
      // CSV files open in the table view (a custom editor), others in a text editor.
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      const uri = input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
      assert.ok(uri, `no editor for ${JSON.stringify(raw)}`);
      assert.equal(basename(uri.fsPath), expected, `saved name of ${JSON.stringify(raw)}`);
      assert.equal(basename(dirname(uri.fsPath)), `run-${agentId}-${runId}`, `folder of ${JSON.stringify(raw)}: ${uri.fsPath}`);
      folders.add(dirname(uri.fsPath));
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), `content of ${JSON.stringify(raw)}\n`, 'the file it names, not another');
    }
    assert.equal(folders.size, 1, 'every file in the one cache folder of the run');
  });
});
