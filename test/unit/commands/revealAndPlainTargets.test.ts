// sequentum.revealRun and plain {agentId, runId} arguments (notifications, CodeLens, scripts) for
// the tree commands, over the real client and the simulator.
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../simulator/index';
import { openFile } from '../../../src/features/agentsTree/openFile';
import { openInDashboard } from '../../../src/features/agentsTree/openInDashboard';
import { revealRun } from '../../../src/features/agentsTree/revealRun';
import { showRunDiagnostics } from '../../../src/features/failures/showRunDiagnostics';
import type { TreeCommandDeps } from '../../../src/features/agentsTree/treeDeps';
import type { SequentumClient } from '../../../src/core/api/client';
import { silentLogger } from '../../../src/core/log';
import type { TreeNode } from '../../../src/core/tree/nodes';
import type { PickItem } from '../../../src/core/ui';
import { realClient, treeOver } from '../../support/simTree';
import { RecordingWorkbench } from '../../support/recordingWorkbench';
import { ScriptedUi, type Shown } from '../../support/scriptedUi';

const byLabel = (pattern: RegExp) => (shown: Shown) => shown.items?.find((item: PickItem<unknown>) => pattern.test(item.label))?.value;

suite('revealRun and plain command arguments', () => {
  let sim: Simulator;
  let client: SequentumClient;
  let ui: ScriptedUi;
  let workbench: RecordingWorkbench;
  let revealed: TreeNode[];

  suiteSetup(async () => {
    sim = await startSimulator({ seed: 'empty', timeScale: 1000 });
  });
  setup(() => {
    sim.control.reset('empty');
    client = realClient(sim.baseUrl, sim.apiKey);
    ui = new ScriptedUi();
    workbench = new RecordingWorkbench();
    revealed = [];
  });
  teardown(() => client.dispose());
  suiteTeardown(() => sim.close());

  function depsWith(agentPageSize = 100): TreeCommandDeps {
    const { model } = treeOver(client, sim.baseUrl, { agentPageSize });
    const reveal = (node: TreeNode) => Promise.resolve(void revealed.push(node));
    return { ui, log: silentLogger, showLog: () => undefined, tree: { model, api: () => Promise.resolve(client), baseUrl: () => sim.baseUrl, reveal, workbench, locale: 'en-US' } };
  }

  test('a plain {agentId, runId} is revealed: the path is loaded and the node has parents up to the space', async () => {
    const space = sim.control.addSpace({ name: 'Deep' });
    const agent = sim.control.addAgent({ name: 'Hidden Agent', spaceId: space.id });
    const old = sim.control.addRun(agent.id, { status: 10 });
    for (let i = 0; i < 25; i++) sim.control.addRun(agent.id, { status: 10 });
    const deps = depsWith();
    await revealRun(deps, { agentId: agent.id, runId: old.id });
    assert.equal(revealed.length, 1);
    const node = revealed[0];
    assert.ok(node.kind === 'run' && node.run.id === old.id, 'a run older than the loaded page is read and shown');
    const parent = deps.tree.model.parentOf(node);
    assert.ok(parent?.kind === 'agent' && parent.agent.id === agent.id);
    const grand = deps.tree.model.parentOf(parent);
    assert.ok(grand?.kind === 'space' && grand.space.id === space.id);
    assert.equal(deps.tree.model.parentOf(grand), undefined, 'one environment: spaces are top level');
    assert.equal(workbench.external.length, 0);
  });

  test('an agent past the loaded page of a big space: the run opens in the dashboard instead', async () => {
    const space = sim.control.addSpace({ name: 'Big' });
    const agents = ['A', 'B', 'C'].map((name) => sim.control.addAgent({ name: `Agent ${name}`, spaceId: space.id }));
    const last = agents[2];
    const run = sim.control.addRun(last.id, { status: 6 });
    await revealRun(depsWith(2), { agentId: last.id, runId: run.id });
    assert.equal(revealed.length, 0);
    assert.deepEqual(workbench.external, [`${sim.baseUrl}/agents/${last.id}/runs/${run.id}`]);
  });

  test('from the palette: agent → run, then revealed', async () => {
    const agent = sim.control.addAgent({ name: 'Palette Agent', spaceId: null });
    const run = sim.control.addRun(agent.id, { status: 10 });
    ui.answer('pick', byLabel(/^\$\([\w-]+\) Palette Agent$/), (shown: Shown) => shown.items?.[0]?.value);
    await revealRun(depsWith());
    assert.ok(revealed[0]?.kind === 'run' && revealed[0].run.id === run.id);
  });

  test('plain objects work for Open in Dashboard, Why Did It Fail? and Open Output File', async () => {
    const agent = sim.control.addAgent({ name: 'Plain', spaceId: null });
    const failed = sim.control.addRun(agent.id, { status: 6, message: 'Selector not found' });
    const ok = sim.control.addRun(agent.id, { status: 10 });
    const deps = depsWith();
    await openInDashboard(deps, { agentId: agent.id, runId: failed.id });
    await openInDashboard(deps, { agentId: agent.id });
    assert.deepEqual(workbench.external, [`${sim.baseUrl}/agents/${agent.id}/runs/${failed.id}`, `${sim.baseUrl}/agents/${agent.id}`]);
    await showRunDiagnostics(deps, { agentId: agent.id, runId: failed.id, agentName: 'Plain' });
    assert.equal(workbench.markdown[0]?.path, `agent-${agent.id}/run-${failed.id}.md`);
    assert.match(workbench.markdown[0]?.markdown ?? '', /^# Why did Plain fail\\\?/);
    ui.answer('pick', byLabel(/^data\.csv$/));
    await openFile(deps, { agentId: agent.id, runId: ok.id });
    assert.equal(ui.of('pick').length, 1, 'only the file is asked for');
    assert.equal(workbench.opened[0]?.name, 'data.csv');
  });
});
