// Every palette command that asks for an agent uses the one agent pick: on an account larger than
// one page it reads one page and searches the server, so an agent past that page is reachable.
// Over the real client and the simulator (400 agents, page of 100).
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../simulator/index';
import type { SequentumClient } from '../../../src/core/api/client';
import type { Agent, Run } from '../../../src/core/api/model';
import { silentLogger } from '../../../src/core/log';
import type { TreeNode } from '../../../src/core/tree/nodes';
import type { SearchPickOptions } from '../../../src/core/ui';
import { openFile } from '../../../src/features/agentsTree/openFile';
import { openInDashboard } from '../../../src/features/agentsTree/openInDashboard';
import { revealRun } from '../../../src/features/agentsTree/revealRun';
import type { TreeCommandDeps } from '../../../src/features/agentsTree/treeDeps';
import { showRunDiagnostics } from '../../../src/features/failures/showRunDiagnostics';
import { realClient, treeOver } from '../../support/simTree';
import { RecordingWorkbench } from '../../support/recordingWorkbench';
import { ScriptedUi, type Shown } from '../../support/scriptedUi';

suite('palette commands share the paging, searching agent pick', () => {
  let sim: Simulator;
  let client: SequentumClient;
  let ui: ScriptedUi;
  let workbench: RecordingWorkbench;
  let revealed: TreeNode[];
  let zebra: { id: number };
  let failed: { id: number };
  let succeeded: { id: number };
  /** Requests per route when the agent pick returned (the command's later steps read more). */
  let atPick: Record<string, number>;

  suiteSetup(async () => {
    sim = await startSimulator({ seed: { spaces: 3, agents: 400 }, timeScale: 1000 });
    // Added last: not on the first page of 100 the pick reads.
    zebra = sim.control.addAgent({ name: 'Zebra Unique Crawler', spaceId: null });
    failed = sim.control.addRun(zebra.id, { status: 6, message: 'Selector not found' });
    succeeded = sim.control.addRun(zebra.id, { status: 10 });
  });
  setup(() => {
    client = realClient(sim.baseUrl, sim.apiKey);
    ui = new ScriptedUi();
    workbench = new RecordingWorkbench();
    revealed = [];
    sim.control.resetCounters();
    atPick = {};
  });
  teardown(() => client.dispose());
  suiteTeardown(() => sim.close());

  function deps(): TreeCommandDeps {
    const { model } = treeOver(client, sim.baseUrl);
    const reveal = (node: TreeNode) => Promise.resolve(void revealed.push(node));
    return { ui, log: silentLogger, showLog: () => undefined, tree: { model, api: () => Promise.resolve(client), baseUrl: () => sim.baseUrl, reveal, workbench, locale: 'en-US' } };
  }

  /** Answers the agent pick by typing a search, as a person looking for Zebra would. */
  function searchForZebra(): void {
    ui.answer('searchPick', async (shown: Shown) => {
      const options = shown.options as SearchPickOptions<Agent>;
      assert.equal(options.initial.length, 100, 'one page shown up front');
      assert.ok(!options.initial.some((item) => item.value.id === zebra.id), 'Zebra is past the first page');
      const found = await options.search('zebra unique', new AbortController().signal);
      atPick = { ...sim.control.counters().requestsPerRoute };
      return found.find((item) => item.value.id === zebra.id)?.value;
    });
  }

  const runPickOf = (run: { id: number }) => (shown: Shown) => shown.items?.find((item) => (item.value as Run).id === run.id)?.value;

  function assertOnePageAndOneSearch(): void {
    assert.equal(ui.of('searchPick').length, 1, 'the agent was asked for with the searching pick');
    assert.equal(atPick['GET /api/v1/agent/all'], 1, 'one page, not the whole account');
    assert.equal(atPick['GET /api/v1/agent/search'], 1, 'the typed query went to the server');
  }

  test('Reveal Run', async () => {
    searchForZebra();
    ui.answer('pick', runPickOf(succeeded));
    await revealRun(deps());
    assertOnePageAndOneSearch();
    const shownRun = revealed[0]?.kind === 'run' ? revealed[0].run.id : workbench.external[0];
    assert.ok(shownRun === succeeded.id || shownRun === `${sim.baseUrl}/agents/${zebra.id}/runs/${succeeded.id}`, `shown: ${String(shownRun)}`);
  });

  test('Open Output File', async () => {
    searchForZebra();
    ui.answer('pick', runPickOf(succeeded), (shown: Shown) => shown.items?.[0]?.value);
    await openFile(deps());
    assertOnePageAndOneSearch();
    assert.equal(workbench.opened.length, 1);
    assert.match(workbench.opened[0].folder, new RegExp(`${zebra.id}`));
  });

  test('Open in Dashboard', async () => {
    searchForZebra();
    await openInDashboard(deps());
    assertOnePageAndOneSearch();
    assert.deepEqual(workbench.external, [`${sim.baseUrl}/agents/${zebra.id}`]);
  });

  test('Why Did It Fail?', async () => {
    searchForZebra();
    ui.answer('pick', runPickOf(failed));
    await showRunDiagnostics(deps());
    assertOnePageAndOneSearch();
    assert.equal(workbench.markdown[0]?.path, `agent-${zebra.id}/run-${failed.id}.md`);
  });
});
