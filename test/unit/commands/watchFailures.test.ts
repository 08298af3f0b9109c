// Watching that keeps failing, with two environments: each environment's watcher reports through its
// own notifier (the extension's BackgroundFailureNotifier, a fake `vscode` module under it), so the
// notification says which environment failed, one environment's report does not hold back another's
// with the same cause, and Set API Key asks for the key of the environment that failed. Two real
// simulators; both refuse the key the watcher sends.
import '../../support/fakeVscode';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../simulator/index';
import type { SequentumClient } from '../../../src/core/api/client';
import type { Environment } from '../../../src/core/environments/environmentSource';
import { RunWatcher } from '../../../src/core/runs/runWatcher';
import { RunWatchers } from '../../../src/core/runs/runWatchers';
import type { FailureNotifierDeps } from '../../../src/platform/failureNotifier';
import { watchFailureSink } from '../../../src/features/activity/watchFailures';
import { FakeClock } from '../../support/fakeClock';
import { ScriptedUi } from '../../support/scriptedUi';
import { realClient } from '../../support/simTree';

const BUDGET = { requests: 100, windowSeconds: 60, share: 0.2 };

suite('Watching runs fails: the notification names the environment (two simulators refusing the key)', () => {
  let prod: Simulator;
  let staging: Simulator;
  let clients: SequentumClient[] = [];

  suiteSetup(async () => {
    [prod, staging] = await Promise.all([startSimulator({ seed: 'empty' }), startSimulator({ seed: 'empty' })]);
  });
  teardown(() => clients.forEach((client) => client.dispose()));
  suiteTeardown(() => Promise.all([prod.close(), staging.close()]));

  test('a refused key in each environment: one notification per environment, each naming it; Set API Key asks for that environment\'s key', async () => {
    const environments: Environment[] = [
      { id: 'default', name: 'prod.example', baseUrl: prod.baseUrl },
      { id: 'staging', name: 'staging', baseUrl: staging.baseUrl },
    ];
    clients = [realClient(prod.baseUrl, 'sk_wrong_prod_key_0000'), realClient(staging.baseUrl, 'sk_wrong_staging_key_00')];
    const ui = new ScriptedUi().answer('error', 'Set API Key', 'Set API Key');
    const keysAskedFor: unknown[] = [];
    const deps: FailureNotifierDeps = {
      ui, showLog: () => undefined, apiKeys: { get: () => Promise.resolve(undefined) },
      setApiKey: (arg) => Promise.resolve(void keysAskedFor.push(arg)),
    };
    const clock = new FakeClock(Date.now());
    const watchers = new RunWatchers({
      environments: () => environments,
      create: (envId) => new RunWatcher({
        api: () => Promise.resolve(clients[envId === 'staging' ? 1 : 0]), clock,
        settings: () => ({ notify: 'allFailures', intervalSeconds: 10, budget: BUDGET }),
        isWatched: () => false, hasWatched: () => false, wanted: () => false,
        failures: watchFailureSink(deps, envId, () => environments.find((env) => env.id === envId)?.name),
      }),
    });
    const answered = Promise.all(environments.map((env) => new Promise<void>((resolve) => void watchers.get(env.id)?.onDidUpdate(() => resolve()))));
    await clock.advance(0);
    await answered;
    for (let turn = 0; turn < 50 && keysAskedFor.length < 2; turn++) await new Promise((resolve) => setImmediate(resolve));

    const errors = ui.of('error').map((shown) => shown.message).sort();
    assert.equal(errors.length, 2, `one per environment: ${JSON.stringify(errors)}`);
    assert.match(errors[0], /^Watching runs in prod\.example: /);
    assert.match(errors[1], /^Watching runs in staging: /);
    assert.deepEqual(new Set(keysAskedFor.map((arg) => JSON.stringify(arg))), new Set([JSON.stringify({ envId: 'default' }), JSON.stringify({ envId: 'staging' })]), 'Set API Key names the environment that failed');
    assert.equal(watchers.get('staging')?.active, false, 'paused until a new key, no more requests');
    watchers.dispose();
  });
});
