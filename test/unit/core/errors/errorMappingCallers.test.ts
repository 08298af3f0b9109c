import assert from 'node:assert/strict';
import { describeFailure } from '../../../../src/core/errors/failureNotification';
import { problemDiagnostics } from '../../../../src/core/diagnostics/problemDiagnostics';
import { describeError, type ErrorCause } from '../../../../src/core/errors/describeError';
import { parseRunConfig } from '../../../../src/core/runConfig/runConfigDocument';
import { RunPoller } from '../../../../src/core/runs/runPoller';
import { RunTracker } from '../../../../src/core/runs/runTracker';
import { contextValue, ContextToken } from '../../../../src/core/tree/contextValues';
import { fixture } from '../../../support/runConfigFixtures';
import { FakeApi } from '../../../support/fakeApi';
import { FakeClock } from '../../../support/fakeClock';
import { makeTree, NOW, view } from '../../../support/treeSetup';
import { ONE_ERROR_PER_CAUSE } from '../../../support/errorCases';

const CASES = Object.entries(ONE_ERROR_PER_CAUSE) as [ErrorCause, Error][];

suite('every caller tells a failure through describeError', () => {
  test('tree error nodes: label, "stale — <cause>" words and actions are the mapping\'s', async () => {
    for (const [cause, error] of CASES) {
      // No key with a single environment is the welcome view, not an error node (tested in the tree's suite).
      if (cause === 'no-api-key') continue;
      const api = new FakeApi();
      api.failing.set('listSpaces', error);
      const { model } = makeTree(() => Promise.resolve(api));
      const [node, ...rest] = await model.getChildren();
      const expected = describeError(error, { host: '127.0.0.1:9', scope: 'root', now: NOW });
      assert.equal(rest.length, 0, cause);
      assert.equal(node.kind === 'error' && node.info.shortCause, expected.shortCause, cause);
      const item = view(node);
      assert.equal(item.label, expected.label, cause);
      assert.equal(item.contextValue, contextValue(ContextToken.error, ...expected.listActions), cause);
    }
  });

  test('notifications (the command wrapper, background failures): message, severity and buttons are the mapping\'s', () => {
    for (const [cause, error] of CASES) {
      const shown = describeFailure(error);
      if (cause === 'cancelled') {
        assert.equal(shown, undefined, 'a cancellation shows nothing');
        continue;
      }
      const expected = describeError(error);
      assert.ok(shown, cause);
      assert.equal(shown.message, expected.message, cause);
      assert.equal(shown.severity, expected.severity, cause);
      assert.equal(shown.actions.includes('setApiKey'), expected.remedy === 'setApiKey', cause);
      assert.equal(shown.actions.includes('openDocs'), cause === 'server-error', `${cause}: only the case with a docs type`);
    }
  });

  test('run-config diagnostics: a refused start carries the mapping\'s severity; failures that are not about the file give none', () => {
    const entry = parseRunConfig(fixture('nightly.sequentum.json')).entries[0];
    const none: ErrorCause[] = ['cancelled', 'no-api-key', 'configuration', 'unexpected'];
    for (const [cause, error] of CASES) {
      const diagnostics = problemDiagnostics(error, entry);
      if (none.includes(cause)) {
        assert.deepEqual(diagnostics, [], cause);
        continue;
      }
      const { problem, severity } = describeError(error);
      assert.ok(diagnostics.length > 0, cause);
      // Without an HTTP answer the start did not go through: a warning on the entry, whatever the cause.
      for (const diagnostic of diagnostics) assert.equal(diagnostic.severity, problem ? severity : 'warning', cause);
    }
  });

  test('the run poller: not-found forgets the run, a key problem pauses at once, the rest backs off and keeps polling', async () => {
    for (const [cause, error] of CASES) {
      if (cause === 'cancelled') continue; // the poller's own dispose; tested in its suite
      const clock = new FakeClock();
      const api = new FakeApi(clock);
      const tracker = new RunTracker(clock);
      const reported: unknown[] = [];
      const poller = new RunPoller(tracker, {
        api: () => Promise.resolve(api),
        clock,
        settings: () => ({ intervalSeconds: 1, budget: { requests: 100, windowSeconds: 60, share: 1 } }),
        failures: { failed: (e) => reported.push(e), cleared: () => undefined },
        reportAfter: 3,
      });
      tracker.follow(api.addRun(1, 1, 0));
      api.statusError = error;
      await clock.advance(10 * 60_000);
      const polls = api.count('getRunStatus');
      const { needsKey } = describeError(error);
      if (cause === 'not-found') {
        assert.equal(tracker.inFlight().length, 0, cause);
        assert.equal(reported.length, 0, cause);
      } else if (needsKey) {
        assert.equal(polls, 1, `${cause}: paused after the first refusal`);
        assert.deepEqual(reported, [error], `${cause}: reported at once`);
      } else {
        assert.ok(polls > 3, `${cause}: still polling (${polls})`);
        assert.equal(reported.length > 0, true, `${cause}: reported once it repeats`);
        assert.equal(tracker.inFlight().length, 1, cause);
      }
      poller.dispose();
    }
  });
});
