import * as assert from 'node:assert/strict';
import type { SequentumClient } from '../../../../src/core/api/client';
import { silentLogger } from '../../../../src/core/log';
import { formatTimestamp } from '../../../../src/core/text/format';
import { hasToken } from '../../../../src/core/tree/contextValues';
import type { AgentNode, RunNode, TreeNode, VersionNode } from '../../../../src/core/tree/nodes';
import { restoreVersion, type VersionCommandDeps } from '../../../../src/features/versions/restoreVersion';
import type { Simulator } from '../../../../simulator/index';
import { ScriptedUi } from '../../../support/scriptedUi';
import { treeOver, useEmptySimulator } from '../../../support/simTree';
import { child, view } from '../../../support/treeSetup';

const VERSIONS_ROUTE = 'GET /api/v1/agent/{agentId}/versions';

suite('Versions as rows under an agent (over the simulator)', () => {
  let sim: Simulator;
  let client: SequentumClient;
  useEmptySimulator(1000, (s, c) => {
    sim = s;
    client = c;
  });

  async function agentRows(name: string) {
    const tree = treeOver(client, sim.baseUrl);
    const spaces = await tree.model.getChildren();
    const agentNode = child(await tree.model.getChildren(child(spaces, 'Personal')), name) as AgentNode;
    const rows = await tree.model.getChildren(agentNode);
    return { ...tree, agentNode, rows };
  }
  const versionRows = (nodes: TreeNode[]) => nodes.filter((node): node is VersionNode => node.kind === 'version');

  test('a Versions row after the runs; expanded (one V1 request, none before): number, author, date, comment; the current one marked and not restorable', async () => {
    const agent = sim.control.addAgent({ name: 'Products', version: 3, spaceId: null });
    sim.control.addRun(agent.id, { status: 10, configVersion: 2, dataCount: 5 });
    const { model, rows } = await agentRows('Products');

    assert.deepEqual(rows.map((node) => node.kind), ['run', 'versions']);
    const group = rows[1];
    assert.equal(view(group).label, 'Versions');
    assert.equal(view(group).collapsible, 'collapsed');
    assert.equal(sim.control.counters().requestsPerRoute[VERSIONS_ROUTE], undefined, 'not read until expanded');
    assert.equal(view(rows[0]).description, 'success · 5 records · v2 (older)', 'the run says it used an older version');

    const versions = versionRows(await model.getChildren(group));
    assert.equal(sim.control.counters().requestsPerRoute[VERSIONS_ROUTE], 1);
    assert.deepEqual(versions.map((node) => view(node).label), ['Version 3', 'Version 2', 'Version 1']);
    const [current, older] = versions.map((node) => view(node));
    const served = await client.listVersions(agent.id);
    assert.equal(current.description, `current · ${served[0].userName} · ${formatTimestamp(served[0].created, 'en-US', 'UTC')} · ${served[0].comments}`);
    assert.match(older.description ?? '', new RegExp(`^${served[1].userName} · .+ · ${served[1].comments}$`));
    assert.ok(hasToken(current.contextValue, 'version') && !hasToken(current.contextValue, 'restorable'), current.contextValue);
    assert.ok(hasToken(older.contextValue, 'restorable'), older.contextValue);
    assert.ok(!hasToken(view(group).contextValue, 'version'), 'the group is no version row');
    assert.equal(current.iconId, 'check');
    assert.equal(older.iconId, 'history');
    assert.equal(model.parentOf(versions[0]), group);
  });

  test("Restore Version from a version row: no pick, a comment, a new version; the Versions row and the run's older mark are read again", async () => {
    const agent = sim.control.addAgent({ name: 'Products', version: 3, spaceId: null });
    sim.control.addRun(agent.id, { status: 10, configVersion: 3, dataCount: 5 });
    const { model, rows, changes } = await agentRows('Products');
    const group = rows[1];
    const versionOne = versionRows(await model.getChildren(group)).find((node) => node.version.version === 1)!;
    const ui = new ScriptedUi().answer('askText', 'Back to the first layout');
    // What the container wires the command's port to (src/container.ts, VersionsFeature).
    const deps: VersionCommandDeps = {
      ui,
      log: silentLogger,
      tree: {
        api: () => Promise.resolve(client),
        agentChanged: (envId, agentId) => {
          model.refresh(model.parentOf(model.nodeById(`${envId ?? 'default'}/agent:${agentId}`)!));
          model.invalidateRuns(envId ?? 'default', agentId);
          model.invalidateVersions(envId ?? 'default', agentId);
        },
      },
    };
    changes.length = 0;

    const created = await restoreVersion(deps, versionOne);

    assert.equal(created?.version, 4);
    assert.equal(ui.of('pick').length, 0, 'the row named the version');
    assert.equal(ui.of('askText')[0].message, 'Comment for the new version (recorded in the history). Enter restores, Escape cancels.');
    assert.ok(changes.includes(group), 'the Versions row is told to re-render its children');
    const after = versionRows(await model.getChildren(group));
    assert.deepEqual(after.map((node) => [node.version.version, node.current]), [[4, true], [3, false], [2, false], [1, false]]);
    assert.equal(after[0].version.comments, 'Back to the first layout');
    // The agent row is read again with its parent's list; its run then compares against version 4.
    await model.getChildren(model.parentOf(model.nodeById(`default/agent:${agent.id}`)!));
    const runs = (await model.getChildren(model.nodeById(`default/agent:${agent.id}`))).filter((node): node is RunNode => node.kind === 'run');
    assert.equal(view(runs[0]).description, 'success · 5 records · v3 (older)');
  });

  test('a failing versions list becomes an error row under Versions (getChildren does not throw); the runs are unaffected', async () => {
    sim.control.addAgent({ name: 'Products', version: 2, spaceId: null });
    const { model, rows } = await agentRows('Products');
    sim.control.setFault({ route: VERSIONS_ROUTE, kind: 'status', status: 500, times: 10 });
    const children = await model.getChildren(rows.at(-1));
    assert.deepEqual(children.map((node) => node.kind), ['error']);
    assert.match(view(children[0]).label, /server/i);
  });

  test("Refresh on an agent reads its expanded Versions again (a version made elsewhere shows up)", async () => {
    const agent = sim.control.addAgent({ name: 'Products', version: 2, spaceId: null });
    const { model, agentNode, rows } = await agentRows('Products');
    const before = versionRows(await model.getChildren(rows.at(-1)));
    assert.deepEqual(before.map((node) => view(node).label), ['Version 2', 'Version 1']);
    await client.restoreVersion(agent.id, 1, 'restored by a teammate');

    model.refresh(agentNode);
    const group = (await model.getChildren(agentNode)).at(-1);
    assert.equal(group?.kind, 'versions');
    const after = versionRows(await model.getChildren(group));
    assert.deepEqual(after.map((node) => view(node).label), ['Version 3', 'Version 2', 'Version 1']);
    assert.equal(sim.control.counters().requestsPerRoute[VERSIONS_ROUTE], 2, 'read when expanded and again on Refresh');
  });
});
