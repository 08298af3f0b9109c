import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../simulator/index';
import { clearFilter } from '../../../src/features/agentsTree/clearFilter';
import { filter } from '../../../src/features/agentsTree/filter';
import { openFile } from '../../../src/features/agentsTree/openFile';
import { openInDashboard } from '../../../src/features/agentsTree/openInDashboard';
import { refresh } from '../../../src/features/agentsTree/refresh';
import { showRunDiagnostics } from '../../../src/features/failures/showRunDiagnostics';
import type { TreeCommandDeps } from '../../../src/features/agentsTree/treeDeps';
import type { SequentumClient } from '../../../src/core/api/client';
import type { PickItem } from '../../../src/core/ui';
import { silentLogger } from '../../../src/core/log';
import type { AgentNode, FileNode, RunNode, TreeNode } from '../../../src/core/tree/nodes';
import { realClient, treeOver } from '../../support/simTree';
import { child } from '../../support/treeSetup';
import { RecordingWorkbench } from '../../support/recordingWorkbench';
import { ScriptedUi, type Shown } from '../../support/scriptedUi';

/** Answers a quick pick with the item whose label matches. */
const byLabel = (pattern: RegExp) => (shown: Shown) => shown.items?.find((item: PickItem<unknown>) => pattern.test(item.label))?.value;

suite('tree commands', () => {
  let sim: Simulator;
  let client: SequentumClient;
  let ui: ScriptedUi;
  let workbench: RecordingWorkbench;
  let deps: TreeCommandDeps;
  let agentId: number;

  suiteSetup(async () => {
    sim = await startSimulator({ seed: 'empty', timeScale: 1000 });
  });
  setup(() => {
    sim.control.reset('empty');
    const space = sim.control.addSpace({ name: 'Files' });
    agentId = sim.control.addAgent({ name: 'Csv Maker', spaceId: space.id }).id;
    client = realClient(sim.baseUrl, sim.apiKey);
    ui = new ScriptedUi();
    workbench = new RecordingWorkbench();
    const { model } = treeOver(client, sim.baseUrl);
    deps = { ui, log: silentLogger, showLog: () => undefined, tree: { model, api: () => Promise.resolve(client), baseUrl: () => sim.baseUrl, reveal: () => Promise.resolve(), workbench, locale: 'en-US' } };
  });
  teardown(() => client.dispose());
  suiteTeardown(() => sim.close());

  async function nodesOf(runStatus: number, message?: string): Promise<{ agent: AgentNode; run: RunNode; files: FileNode[] }> {
    const run = sim.control.addRun(agentId, { status: runStatus, message });
    const model = deps.tree.model;
    model.refresh(); // lists are cached; the run was just added behind the tree's back
    const agent = (await model.getChildren(child(await model.getChildren(), 'Files')))[0] as AgentNode;
    const runNode = ((await model.getChildren(agent)) as RunNode[]).find((node) => node.run.id === run.id)!;
    return { agent, run: runNode, files: (await model.getChildren(runNode)) as FileNode[] };
  }

  test('a CSV opens in the table view, downloaded without sending the key to the file host', async () => {
    const { files } = await nodesOf(10);
    const csv = files.find((node) => node.file.name === 'data.csv')!;
    await openFile(deps, csv);
    assert.equal(workbench.opened.length, 1);
    assert.equal(workbench.opened[0].languageId, 'table');
    assert.match(workbench.opened[0].text, /,/);
    assert.deepEqual(workbench.progressTitles, ['Opening data.csv']);
    const counters = sim.control.counters();
    assert.ok(counters.fileStore.requests >= 1);
    assert.equal(counters.fileStore.withAuthorization, 0);
  });

  test('a binary file downloads to the chosen folder; dismissing the folder downloads nothing', async () => {
    const { files } = await nodesOf(10);
    const png = files.find((node) => node.file.name === 'screenshot.png')!;
    await openFile(deps, png);
    assert.equal(workbench.saved.length, 0);
    assert.equal(sim.control.counters().fileStore.requests, 0);
    workbench.folderAnswer = workbench.tempFolder('downloads');
    await openFile(deps, png);
    assert.equal(workbench.saved.length, 1);
    assert.equal(workbench.saved[0].name, 'screenshot.png');
    assert.deepEqual([...workbench.saved[0].bytes.slice(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
    assert.match(ui.of('info')[0].message, /^Saved screenshot\.png/);
  });

  test('a text file of unknown size is treated as large: saved to a chosen folder, never opened into the editor', async () => {
    const run = sim.control.addRun(agentId, { status: 10 });
    sim.control.addFile(agentId, run.id, { name: 'export.csv', size: 300_000, delivery: { unknownSize: true } });
    deps.tree.model.refresh();
    const agent = (await deps.tree.model.getChildren(child(await deps.tree.model.getChildren(), 'Files')))[0] as AgentNode;
    const runNode = ((await deps.tree.model.getChildren(agent)) as RunNode[]).find((node) => node.run.id === run.id)!;
    const csv = ((await deps.tree.model.getChildren(runNode)) as FileNode[]).find((node) => node.file.name === 'export.csv')!;
    assert.equal(csv.file.fileSize, undefined);
    workbench.folderAnswer = workbench.tempFolder('downloads');
    await openFile(deps, csv);
    assert.equal(workbench.opened.length, 0);
    assert.equal(workbench.saved.length, 1);
    assert.equal(workbench.saved[0].bytes.byteLength, 300_000);
    assert.deepEqual(workbench.progressTitles, ['Downloading export.csv']);
  });

  test('from the palette: agent → run → file', async () => {
    await nodesOf(10);
    ui.answer('pick', byLabel(/^\$\([\w-]+\) Csv Maker$/), (shown: Shown) => shown.items?.[0]?.value, byLabel(/^data\.json$/));
    await openFile(deps);
    assert.equal(workbench.opened[0]?.name, 'data.json');
    assert.equal(workbench.opened[0]?.languageId, 'table', 'an array of objects opens as a table');
  });

  test('JSON that is not an array of objects opens as text; a CSV larger than the editor limit still opens as a table', async () => {
    const run = sim.control.addRun(agentId, { status: 10 });
    sim.control.addFile(agentId, run.id, { name: 'summary.json', kind: 'json', content: '{"records": 3, "pages": [1, 2]}' });
    sim.control.addFile(agentId, run.id, { name: 'big.csv', size: 60 * 1024 * 1024 });
    deps.tree.model.refresh();
    const agent = (await deps.tree.model.getChildren(child(await deps.tree.model.getChildren(), 'Files')))[0] as AgentNode;
    const runNode = ((await deps.tree.model.getChildren(agent)) as RunNode[]).find((node) => node.run.id === run.id)!;
    const files = (await deps.tree.model.getChildren(runNode)) as FileNode[];
    await openFile(deps, files.find((node) => node.file.name === 'summary.json'));
    assert.deepEqual(workbench.opened.map((opened) => [opened.name, opened.languageId]), [['summary.json', 'json']]);
    await openFile(deps, files.find((node) => node.file.name === 'big.csv'));
    assert.deepEqual(workbench.opened.map((opened) => opened.languageId), ['json', 'table']);
    assert.equal(workbench.saved.length, 0);
  });

  test('"Why did it fail?" from a run: escaped Markdown document', async () => {
    const { run } = await nodesOf(6, 'Selector [buy](command:evil) <script>x</script> not found');
    await showRunDiagnostics(deps, run);
    assert.equal(workbench.markdown.length, 1);
    const { path, markdown } = workbench.markdown[0];
    assert.equal(path, `agent-${agentId}/run-${run.run.id}.md`);
    assert.match(markdown, /^# Why did Csv Maker fail\\\?/);
    assert.match(markdown, /## Possible causes/);
    assert.ok(!markdown.includes('[buy](command:evil)') && !markdown.includes('<script>'), markdown);
  });

  test('"Why did it fail?" from the palette offers only failed runs', async () => {
    await nodesOf(10);
    const { run } = await nodesOf(6, 'boom');
    let offered: readonly PickItem<unknown>[] = [];
    ui.answer('pick', byLabel(/^\$\([\w-]+\) Csv Maker$/), (shown: Shown) => {
      offered = shown.items ?? [];
      return offered[0]?.value;
    });
    await showRunDiagnostics(deps);
    assert.equal(offered.length, 1);
    assert.equal(workbench.markdown[0]?.path, `agent-${agentId}/run-${run.run.id}.md`);
  });

  test('open in dashboard builds the agent/run URL on the base URL', async () => {
    const { agent, run } = await nodesOf(10);
    await openInDashboard(deps, run);
    await openInDashboard(deps, agent);
    assert.deepEqual(workbench.external, [`${sim.baseUrl}/agents/${agentId}/runs/${run.run.id}`, `${sim.baseUrl}/agents/${agentId}`]);
  });

  test('filter by name and status, then clear; refresh accepts error nodes', async () => {
    ui.answer('pick', byLabel(/by name/), byLabel(/by last status/), byLabel(/^Failed$/));
    ui.answer('askText', 'csv');
    await filter(deps);
    assert.deepEqual(deps.tree.model.filter, { name: 'csv' });
    await filter(deps);
    assert.deepEqual(deps.tree.model.filter, { name: 'csv', lastStatus: 'failed' });
    clearFilter(deps);
    assert.deepEqual(deps.tree.model.filter, {});
    const changes: (TreeNode | undefined)[] = [];
    deps.tree.model.onDidChange((node) => changes.push(node));
    refresh(deps, { id: 'x', kind: 'error', owner: undefined, info: { label: 'x', shortCause: 'x', actions: [] } });
    refresh(deps, 'not a node');
    assert.deepEqual(changes, [undefined, undefined]);
  });
});
