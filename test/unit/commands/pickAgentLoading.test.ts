// The palette's agent pick opens at once, busy ("Reading agents…"), while the first page is read —
// over the real client and simulator: closing it during a read that does not answer aborts that
// read and picks nothing (no notification); an account without agents closes it and says so; a
// refused read closes it and fails the command with the server's error.
import assert from 'node:assert/strict';
import type { Simulator } from '../../../simulator/index';
import { pickAgent } from '../../../src/core/targets/pickAgent';
import { forIconLabel } from '../../../src/core/text/sinks';
import type { SequentumClient } from '../../../src/core/api/client';
import type { SequentumApi } from '../../../src/core/api/sequentumApi';
import { ProblemError } from '../../../src/core/api/errors';
import { useEmptySimulator, useSimulatorWithClient } from '../../support/simTree';
import { runCommandsHarness } from '../../support/runCommandsHarness';

const title = forIconLabel('Sequentum: Start Run');

suite('pickAgent: the pick opens while the agents are read', () => {
  let sim: Simulator;
  let client: SequentumClient;
  useSimulatorWithClient(
    { seed: { spaces: 1, agents: 5 }, timeScale: 1000 },
    (started, startedClient) => ([sim, client] = [started, startedClient]),
    (started) => started.control.clearFaults(),
  );

  test('it is open, busy with "Reading agents…", before the first page comes; then it is the pick of the agents', async () => {
    const h = runCommandsHarness();
    h.ui.answer('pick', (shown) => (shown.items?.[0]?.value as { id: number }).id);
    const picked = await pickAgent(h.deps, client, { title });
    assert.deepEqual(h.ui.loadingPicks, [{ title: 'Sequentum: Start Run', placeholder: 'Reading agents…', closedWhileLoading: false }]);
    assert.equal(h.ui.of('pick').length, 1);
    assert.equal(h.ui.of('pick')[0].items?.length, 5);
    assert.equal(typeof picked, 'number');
  });

  test('closing it while the read hangs aborts the read and picks nothing, silently', async () => {
    sim.control.setFault({ route: 'GET agent/all', kind: 'hang', times: 1 });
    const h = runCommandsHarness();
    const signals: AbortSignal[] = [];
    const spied: SequentumApi = Object.create(client) as SequentumApi;
    spied.listAgents = (query, options) => {
      if (options?.signal) signals.push(options.signal);
      return client.listAgents(query, options);
    };
    h.ui.closeLoadingPickAfterMs = 100;
    const picked = await pickAgent(h.deps, spied, { title });
    assert.equal(picked, undefined);
    assert.equal(h.ui.loadingPicks[0]?.closedWhileLoading, true);
    assert.equal(signals.length, 1, 'the read got the pick’s signal');
    assert.equal(signals[0].aborted, true, 'closing the pick aborted the read');
    assert.deepEqual(h.ui.shown, [], 'no pick of agents, no notification');
  });

  test('a refused read closes it and fails the command with the server’s error (no "no agents" notice)', async () => {
    sim.control.setFault({ route: 'GET agent/all', kind: 'status', status: 403, times: 1 });
    const h = runCommandsHarness();
    await assert.rejects(pickAgent(h.deps, client, { title }), (error: unknown) => ProblemError.is(error) && error.status === 403);
    assert.equal(h.ui.loadingPicks.length, 1);
    assert.deepEqual(h.ui.shown, []);
  });
});

suite('pickAgent on an account without agents', () => {
  let client: SequentumClient;
  useEmptySimulator(1000, (_sim, started) => (client = started));

  test('the busy pick closes and a notification says there are none', async () => {
    const h = runCommandsHarness();
    const picked = await pickAgent(h.deps, client, { title });
    assert.equal(picked, undefined);
    assert.equal(h.ui.loadingPicks.length, 1);
    assert.deepEqual(h.ui.shown.map((s) => [s.kind, s.message]), [['info', 'No agents found for this API key.']]);
  });
});
