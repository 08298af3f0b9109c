// A notification button that runs a feature built on first use ("Why Did It Fail?" on a failed run's
// notification): the feature's chunk failing to load is one failure notification, shown
// by the command wrapper, not a line in the log only — and a failure inside the action is not shown twice.
import '../../support/fakeVscode';
import assert from 'node:assert/strict';
import { CommandId } from '../../../src/core/commandIds';
import { silentLogger } from '../../../src/core/log';
import { OnDemand } from '../../../src/core/onDemand';
import { commandAction, onDemandAction, type CommandWrapperDeps } from '../../../src/platform/commandRegistry';
import { ScriptedUi } from '../../support/scriptedUi';

interface Ref {
  runId: number;
}

suite('onDemandAction (a built-on-first-use feature behind a notification button)', () => {
  function wrapperDeps(ui: ScriptedUi): CommandWrapperDeps {
    return { ui, log: silentLogger, apiKeys: { get: () => Promise.resolve(undefined) }, showLog: () => undefined, setApiKey: () => Promise.resolve(undefined) };
  }

  test('a chunk that fails to load is one notification and the button resolves; the next click builds the feature and runs the action', async () => {
    const ui = new ScriptedUi();
    const deps = wrapperDeps(ui);
    const ran: number[] = [];
    let builds = 0;
    const feature = new OnDemand(() => {
      builds++;
      // What `await import()` rejects with when a chunk is missing or unreadable.
      if (builds === 1) return Promise.reject(new TypeError('Failed to fetch dynamically imported module: file:///ext/dist/chunks/failuresFeature-ABC.mjs'));
      return Promise.resolve({ whyDidItFail: commandAction(CommandId.showRunDiagnostics, (_deps: CommandWrapperDeps, ref: Ref) => void ran.push(ref.runId), deps), dispose: () => undefined });
    });
    const button = onDemandAction(CommandId.showRunDiagnostics, feature, (built) => built.whyDidItFail, deps);
    await button({ runId: 7 });
    assert.equal(ui.of('error').length, 1);
    assert.deepEqual(ran, []);
    await button({ runId: 7 });
    assert.equal(ui.of('error').length, 1);
    assert.deepEqual(ran, [7]);
    assert.equal(builds, 2);
  });

  test('a failure inside the built action is shown once (by the action\'s own wrapper), and the button resolves', async () => {
    const ui = new ScriptedUi();
    const deps = wrapperDeps(ui);
    const feature = new OnDemand(() => ({
      whyDidItFail: commandAction(CommandId.showRunDiagnostics, (_deps: CommandWrapperDeps, _ref: Ref) => Promise.reject(new Error('diagnostics failed')), deps),
      dispose: () => undefined,
    }));
    await onDemandAction(CommandId.showRunDiagnostics, feature, (built) => built.whyDidItFail, deps)({ runId: 8 });
    assert.equal(ui.of('error').length, 1);
  });
});
