import * as assert from 'node:assert/strict';
import type { SequentumClient } from '../../../src/core/api/client';
import { silentLogger } from '../../../src/core/log';
import type { AgentVersion } from '../../../src/core/api/runActionModel';
import { presentNode as present } from '../../../src/core/tree/presentation';
import type { RunNode } from '../../../src/core/tree/nodes';
import { restoreVersion, type VersionCommandDeps } from '../../../src/features/versions/restoreVersion';
import type { Simulator } from '../../../simulator/index';
import { ScriptedUi } from '../../support/scriptedUi';
import { useEmptySimulator } from '../../support/simTree';

suite('Versions: list and Restore Version (over the simulator)', () => {
  let sim: Simulator;
  let client: SequentumClient;
  useEmptySimulator(1000, (s, c) => {
    sim = s;
    client = c;
  });

  function harness() {
    const ui = new ScriptedUi();
    const changed: Array<[string | undefined, number]> = [];
    const deps: VersionCommandDeps = { ui, log: silentLogger, tree: { api: () => Promise.resolve(client), locale: 'en-US', agentChanged: (envId, agentId) => changed.push([envId, agentId]) } };
    return { ui, deps, changed };
  }

  test('V1: number, author, date and comment, newest first; runs report the version they ran with', async () => {
    const agent = sim.control.addAgent({ name: 'Products', version: 3 });
    const versions = await client.listVersions(agent.id);
    assert.deepEqual(versions.map((v) => v.version), [3, 2, 1]);
    for (const v of versions) {
      assert.ok(v.userName && v.created && v.comments && v.fileSize, `version ${v.version} has author, date, comment, size`);
    }
    const old = sim.control.addRun(agent.id, { status: 10, configVersion: 2 });
    assert.equal((await client.getRunStatus(agent.id, old.id)).configVersion, 2);
  });

  test('restore: pick a version, a comment (required), a new version copied from it; the tree is told; runs of older versions say so', async () => {
    const agent = sim.control.addAgent({ name: 'Products', version: 3 });
    const before = await client.startRun(agent.id, {});
    const { ui, deps, changed } = harness();
    let validate: ((text: string) => string | undefined) | undefined;
    ui.answer('pick', (shown) => shown.items?.find((item) => (item.value as AgentVersion).version === 1)?.value);
    ui.answer('askText', (shown) => {
      validate = (shown.options as { validate?: (t: string) => string | undefined }).validate;
      return 'Back to the first layout';
    });

    const created = await restoreVersion(deps, { agentId: agent.id, agentName: 'Products' });

    const items = ui.of('pick')[0].items ?? [];
    assert.deepEqual(items.map((item) => item.label), ['Version 3 (current)', 'Version 2', 'Version 1']);
    assert.match(items[0].description ?? '', / · /, 'author · date');
    assert.match(validate?.('   ') ?? '', /comment is required/);
    assert.match(validate?.('x'.repeat(501)) ?? '', /At most 500/);
    assert.equal(created?.version, 4);
    assert.equal(created?.comments, 'Back to the first layout');
    assert.equal((await client.getAgent(agent.id)).version, 4);
    assert.deepEqual(changed, [[undefined, agent.id]]);
    assert.match(ui.of('info').at(-1)?.message ?? '', /Products: version 1 restored as version 4\./);
    // The run started before the restore ran with version 3: older than the agent's current 4.
    assert.equal((await client.getRunStatus(agent.id, before.id)).configVersion, 3);
  });

  test('nothing is sent when the comment box is dismissed, for the current version, or with one version only', async () => {
    const agent = sim.control.addAgent({ name: 'Solo', version: 1 });
    const two = sim.control.addAgent({ name: 'Two', version: 2 });
    const { ui, deps } = harness();
    assert.equal(await restoreVersion(deps, { agentId: agent.id, agentName: 'Solo' }), undefined);
    assert.match(ui.of('info')[0].message, /Solo has one version; there is nothing to restore/);
    assert.equal(await restoreVersion(deps, { agentId: two.id, agentName: 'Two', version: 2 }), undefined);
    assert.match(ui.of('info')[1].message, /Version 2 is already the current version of Two/);
    assert.equal(await restoreVersion(deps, { agentId: two.id, agentName: 'Two', version: 1 }), undefined, 'comment box dismissed');
    assert.equal(sim.control.counters().requestsPerRoute['POST /api/v1/agent/{agentId}/version/{version}/restore'], undefined);
    assert.equal((await client.getAgent(two.id)).version, 2);
  });

  test('a run row says when it used an older version than the agent is at now; its tooltip names both', () => {
    const node = (configVersion: number | undefined, agentVersion: number | undefined): RunNode => ({
      id: 'r', kind: 'run', envId: 'default', agentId: 1, agentName: 'Products', run: { id: 7, agentId: 1, status: 10, recordsExtracted: 5, ...(configVersion !== undefined ? { configVersion } : {}) }, ...(agentVersion !== undefined ? { agentVersion } : {}),
    });
    const context = { now: Date.now(), locale: 'en-US' };
    assert.equal(present(node(3, 4), context).description, 'success · 5 records · v3 (older)');
    assert.equal(present(node(4, 4), context).description, 'success · 5 records');
    assert.equal(present(node(undefined, 4), context).description, 'success · 5 records');
    assert.match(JSON.stringify(present(node(3, 4), context).tooltip), /the agent is now at version 4/);
  });
});
