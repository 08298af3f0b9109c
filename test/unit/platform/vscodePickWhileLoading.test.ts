// The palette's agent pick through the VS Code adapter (src/platform/vscodeUserInterface.ts) over
// the real client and simulator, with a quick pick the test answers as the user: open and busy
// while the agents are read (Enter does nothing then, text typed is kept), then the agents; closing
// it during a read that does not answer aborts that read and picks nothing; a refused read closes
// it and fails with the server's own typed error. The pick is disposed once in every case.
import { createdQuickPicks, type FakeQuickPick } from '../../support/fakeVscode';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../simulator/index';
import type { SequentumClient } from '../../../src/core/api/client';
import { ProblemError } from '../../../src/core/api/errors';
import type { SequentumApi } from '../../../src/core/api/sequentumApi';
import { pickAgent } from '../../../src/core/targets/pickAgent';
import { forIconLabel } from '../../../src/core/text/sinks';
import { vscodeUserInterface } from '../../../src/platform/vscodeUserInterface';
import { useSimulatorWithClient } from '../../support/simTree';

type Entry = { label: string; value?: { id: number; name: string } };
const title = forIconLabel('Sequentum: Start Run');

/** Resolves once `predicate` holds (checked every few ms); gives up after 2,000 checks so a wait that never ends fails the test instead of keeping the run alive. */
async function until(predicate: () => boolean): Promise<void> {
  for (let check = 0; !predicate(); check++) {
    if (check === 2000) throw new Error('the awaited state never came');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

suite('VS Code pick while loading (agents)', () => {
  let sim: Simulator;
  let client: SequentumClient;
  useSimulatorWithClient(
    { seed: { spaces: 1, agents: 5 }, timeScale: 1000 },
    (started, startedClient) => ([sim, client] = [started, startedClient]),
    (started) => {
      started.control.clearFaults();
      createdQuickPicks.length = 0;
    },
  );

  /** The agents' read of `api`, each with the signal it was given. */
  function spiedReads(): { api: SequentumApi; signals: AbortSignal[] } {
    const signals: AbortSignal[] = [];
    const api: SequentumApi = Object.create(client) as SequentumApi;
    api.listAgents = (query, options) => {
      if (options?.signal) signals.push(options.signal);
      return client.listAgents(query, options);
    };
    return { api, signals };
  }

  test('busy while read (Enter ignored, typed text kept), then the agents in the same pick; the chosen one is the answer', async () => {
    const picking = pickAgent({ ui: vscodeUserInterface }, client, { title });
    // Opened before the read could answer (that takes turns of the event loop).
    assert.equal(createdQuickPicks.length, 1);
    const pick = createdQuickPicks[0] as FakeQuickPick<Entry>;
    assert.deepEqual([pick.visible, pick.busy, pick.placeholder, pick.items.length], [true, true, 'Reading agents…', 0]);
    pick.type('Agent');
    pick.accept();
    await until(() => !pick.busy);
    assert.equal(pick.visible, true, 'Enter before the items came did not close it');
    assert.equal(pick.value, 'Agent', 'text typed while loading is kept');
    assert.equal(pick.items.filter((item) => item.value).length, 5);
    const chosen = pick.items.find((item) => item.value);
    pick.accept(chosen);
    assert.deepEqual(await picking, chosen?.value);
    assert.deepEqual([pick.visible, pick.disposeCount], [false, 1]);
  });

  test('closing it while the read hangs aborts the read and answers undefined', async () => {
    sim.control.setFault({ route: 'GET agent/all', kind: 'hang', times: 1 });
    const { api, signals } = spiedReads();
    const picking = pickAgent({ ui: vscodeUserInterface }, api, { title });
    await until(() => signals.length === 1);
    const pick = createdQuickPicks[0] as FakeQuickPick<Entry>;
    pick.userCloses();
    assert.equal(await picking, undefined);
    assert.equal(signals[0].aborted, true, 'closing the pick aborted the read');
    assert.deepEqual([pick.visible, pick.disposeCount, pick.items.length], [false, 1, 0]);
  });

  test('a refused read closes it and rejects with the server’s typed error', async () => {
    sim.control.setFault({ route: 'GET agent/all', kind: 'status', status: 403, times: 1 });
    const picking = pickAgent({ ui: vscodeUserInterface }, client, { title });
    await assert.rejects(picking, (error: unknown) => ProblemError.is(error) && error.status === 403);
    const pick = createdQuickPicks[0] as FakeQuickPick<Entry>;
    assert.deepEqual([pick.visible, pick.disposeCount], [false, 1]);
  });
});
