// The cost feature over a real simulator, with a fake `vscode` module under it: a key without billing
// access (403) is said once in the log by the credits item and stops the B6 reads (cost per run) —
// until the key or the environments change, or access comes back.
import '../../support/fakeVscode';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../simulator/index';
import type { SequentumClient } from '../../../src/core/api/client';
import { Emitter } from '../../../src/core/emitter';
import type { EnvironmentSource } from '../../../src/core/environments/environmentSource';
import { RunInsightsBook } from '../../../src/core/health/runInsightsBook';
import type { Logger } from '../../../src/core/log';
import type { RunsListedEvent } from '../../../src/core/tree/treeModel';
import { CostFeature } from '../../../src/features/cost/costFeature';
import { CreditsStatusBar } from '../../../src/features/cost/creditsStatusBar';
import type { CommandContext } from '../../../src/platform/commandRegistry';
import type { VscodePlatform } from '../../../src/platform/vscodePlatform';
import { realClient } from '../../support/simTree';

const KEY_A = 'sk_no_billing_key_aaaa';
const KEY_B = 'sk_no_billing_key_bbbb';

/** Lines logged at info level. */
function recordingLog(): Logger & { infos: string[] } {
  const infos: string[] = [];
  const ignore = (): undefined => undefined;
  return { infos, info: (message) => void infos.push(message), trace: ignore, debug: ignore, warn: ignore, error: ignore };
}

/** Resolves when `check` holds (polled: the feature reads in the background); fails after 10 s. */
async function until(what: string, check: () => boolean): Promise<void> {
  for (let tries = 0; !check(); tries++) {
    if (tries > 500) assert.fail(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One environment whose key the test changes, firing onDidChange as the extension's source does. */
class OneEnvironment implements EnvironmentSource {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  readonly clients: SequentumClient[] = [];
  constructor(private readonly sim: Simulator, private key: string) {}
  environments(): Array<{ id: string; name: string; baseUrl: string }> {
    return [{ id: 'default', name: 'prod.example', baseUrl: this.sim.baseUrl }];
  }
  client(): Promise<SequentumClient> {
    const client = realClient(this.sim.baseUrl, this.key);
    this.clients.push(client);
    return Promise.resolve(client);
  }
  useKey(key: string): void {
    this.key = key;
    this.changed.fire();
  }
  dispose(): void {
    this.clients.forEach((client) => client.dispose());
    this.changed.dispose();
  }
}

suite('cost feature: no billing access (403) and a change of key', () => {
  let sim: Simulator;
  let environments: OneEnvironment;

  suiteSetup(async () => {
    sim = await startSimulator({ seed: 'empty' });
  });
  setup(() => {
    sim.control.reset('empty');
    for (const key of [KEY_A, KEY_B]) {
      sim.control.addApiKey(key);
      sim.control.setBillingAccess(key, false);
    }
  });
  teardown(() => environments.dispose());
  suiteTeardown(() => sim.close());

  test('credits item: a 403 is logged once per key; another key without access is logged again, and so is access lost again', async () => {
    environments = new OneEnvironment(sim, KEY_A);
    const log = recordingLog();
    const noAccessLines = (): string[] => log.infos.filter((line) => /Credits: .*no billing access \(403\)/.test(line));
    const requestsOf = (key: string): number => sim.control.counters().requestsPerKey[key] ?? 0;
    // Re-read every 60 ms, so that several refreshes pass without a change of key.
    const bar = new CreditsStatusBar(environments, () => 0.001, log, 'en');
    try {
      environments.useKey(KEY_A);
      await until('the 403 is logged', () => noAccessLines().length === 1);
      const afterFirst = requestsOf(KEY_A);
      await until('three more refreshes', () => requestsOf(KEY_A) >= afterFirst + 3);
      assert.equal(noAccessLines().length, 1, 'said once while the key stays the same');

      environments.useKey(KEY_B);
      await until('the second key\'s 403 is logged', () => noAccessLines().length === 2);

      sim.control.setBillingAccess(KEY_B, true);
      await until('the credits are shown', () => bar.state.visible);
      sim.control.setBillingAccess(KEY_B, false);
      await until('the 403 after access came back is logged', () => noAccessLines().length === 3);
      assert.equal(bar.state.visible, false);
    } finally {
      bar.dispose();
    }
  });

  test('credits item: a read begun with the old key that answers after the change of key is not shown; the new key\'s credits stay', async () => {
    sim.control.setBillingAccess(KEY_B, true);
    environments = new OneEnvironment(sim, KEY_A);
    const reads: Array<Promise<unknown>> = [];
    const client = environments.client.bind(environments);
    // Every credits read the item makes, so the test can wait for the old key's answer.
    environments.client = async () => {
      const real = await client();
      return Object.assign(Object.create(real) as SequentumClient, {
        getCredits: (...args: Parameters<SequentumClient['getCredits']>) => {
          const read = real.getCredits(...args);
          reads.push(read);
          return read;
        },
      });
    };
    const log = recordingLog();
    const bar = new CreditsStatusBar(environments, () => 60, log, 'en');
    try {
      // The old key's read is slow, and refused (403) when it answers.
      sim.control.setFault({ route: 'GET /billing/credits', kind: 'latency', latencyMs: 500, times: 1 });
      environments.useKey(KEY_A);
      await until('the old key\'s read has reached the server', () => (sim.control.counters().requestsPerKey[KEY_A] ?? 0) === 1);
      environments.useKey(KEY_B);
      await until('the new key\'s credits are shown', () => bar.state.visible);
      await Promise.allSettled(reads);
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(bar.state.visible, true, 'the old key\'s 403 did not hide the new key\'s credits');
      assert.deepEqual(log.infos.filter((line) => /no billing access/.test(line)), [], 'a key no longer in use is not reported');
    } finally {
      bar.dispose();
    }
  });

  test('cost per run: after a 403 no B6 request is made until the key changes; with a key that may read billing the costs arrive', async () => {
    environments = new OneEnvironment(sim, KEY_A);
    const agent = sim.control.addAgent({ name: 'Costs', behaviour: 'success' });
    const { runIds } = sim.control.addRunHistory(agent.id, { runs: 3, seed: 1 });
    const runs = await (await environments.client()).listRuns(agent.id, 10);
    const listed = new Emitter<RunsListedEvent>();
    const book = new RunInsightsBook(() => 'normal');
    const log = recordingLog();
    const platform = { log, locale: 'en', workbench: {} } as unknown as VscodePlatform;
    const feature = new CostFeature({
      platform, commandContext: { log } as unknown as CommandContext, environments, book,
      api: () => environments.client(), onDidListRuns: listed.event,
    });
    const b6Requests = (): number => Object.entries(sim.control.counters().requestsPerRoute)
      .filter(([route]) => /billing\/agents\/[^/]+\/runs/.test(route)).reduce((sum, [, count]) => sum + count, 0);
    const listRuns = (): void => listed.fire({ envId: 'default', agentId: agent.id, runs });
    try {
      listRuns();
      await until('the 403 is logged', () => log.infos.some((line) => /Cost per run: .*no billing access/.test(line)));
      assert.equal(b6Requests(), 1);
      listRuns();
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(b6Requests(), 1, 'no B6 request after the 403');

      sim.control.setBillingAccess(KEY_B, true);
      environments.useKey(KEY_B);
      listRuns();
      await until('the costs are known', () => runIds.every((runId) => book.costOf('default', runId) !== undefined));
      assert.equal(b6Requests(), 2);
    } finally {
      feature.dispose();
      listed.dispose();
    }
  });
});
