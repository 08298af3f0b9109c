// The palette's agent pick on a large account: one page up front, recents kept first (read by id
// when not on that page), then a server search per typed query — over the real client and simulator.
import assert from 'node:assert/strict';
import type { Simulator } from '../../../simulator/index';
import { pickAgent } from '../../../src/core/targets/pickAgent';
import { forIconLabel } from '../../../src/core/text/sinks';
import type { SequentumClient } from '../../../src/core/api/client';
import type { Agent } from '../../../src/core/api/model';
import type { PickItem, SearchPickOptions } from '../../../src/core/ui';
import { useSimulatorWithClient } from '../../support/simTree';
import { runCommandsHarness } from '../../support/runCommandsHarness';
import type { Shown } from '../../support/scriptedUi';

const ids = (items: readonly PickItem<unknown>[]) => items.map((item) => (item.value as Agent).id);

suite('pickAgent on a large account', () => {
  let sim: Simulator;
  let client: SequentumClient;
  useSimulatorWithClient({ seed: { spaces: 3, agents: 400 }, timeScale: 1000 }, (started, startedClient) => ([sim, client] = [started, startedClient]));

  test('first page + recents, then server search by name and by id; no paging through the account', async () => {
    const zebra = sim.control.addAgent({ name: 'Zebra Unique Crawler', spaceId: null });
    const other = sim.control.addAgent({ name: 'Another Unique One', spaceId: null });
    const h = runCommandsHarness();
    await h.deps.runs.recentAgents.add(zebra.id);
    sim.control.resetCounters();
    let initial: readonly PickItem<unknown>[] = [];
    let byName: readonly PickItem<unknown>[] = [];
    let byId: readonly PickItem<unknown>[] = [];
    h.ui.answer('searchPick', async (shown: Shown) => {
      const options = shown.options as SearchPickOptions<Agent>;
      initial = options.initial;
      const signal = new AbortController().signal;
      byName = await options.search('unique', signal);
      byId = await options.search(`#${other.id}`, signal);
      return byName[1]?.value;
    });

    const picked = await pickAgent(h.deps, client, { title: forIconLabel('Sequentum: Start Run'), recentIds: h.deps.runs.recentAgents.ids() });

    assert.equal(ids(initial)[0], zebra.id, 'the recent agent is first although it is not on the first page');
    assert.equal(initial[0].group, 'recently started');
    assert.equal(initial.length, 101);
    assert.deepEqual(ids(byName), [zebra.id, other.id], 'recent first, then the server matches');
    assert.deepEqual(ids(byId), [other.id]);
    assert.equal(picked?.id, other.id);
    const routes = sim.control.counters().requestsPerRoute;
    assert.equal(routes['GET /api/v1/agent/all'], 1, 'one page, not the whole account');
    assert.equal(routes['GET /api/v1/agent/search'], 2);
    assert.equal(routes['GET /api/v1/agent/{agentId}'], 2, 'the recent agent and the typed id');
  });
});
