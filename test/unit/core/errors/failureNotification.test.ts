import assert from 'node:assert/strict';
import { CancelledError, NetworkError, NoApiKeyError, ProblemError, TimeoutError } from '../../../../src/core/api/errors';
import { describeFailure, NotificationGate } from '../../../../src/core/errors/failureNotification';
import { problem } from '../../../support/runConfigFixtures';

const KEY = 'sk-sim-0123456789abcdef';

suite('describeFailure', () => {
  test('the caller names the action (prefix), may replace the words and decide retryability', () => {
    const refused = describeFailure(new ProblemError(problem({ status: 409, title: 'Agent is exclusive' })), [], { prefix: 'Could not start Nightly' })!;
    assert.equal(refused.message, 'Could not start Nightly: Agent is exclusive');
    assert.ok(!refused.actions.includes('retry'));
    const settled = describeFailure(new NetworkError('socket hang up', 'ECONNRESET'), [KEY], { message: `Nightly did not start (${KEY})`, retryable: true })!;
    assert.equal(settled.message, 'Nightly did not start («redacted»)');
    assert.deepEqual(settled.actions, ['retry', 'showLog', 'copyDetails']);
  });

  test('a cancellation (the typed CancelledError) shows nothing; a look-alike by name is not one', () => {
    // VS Code's CancellationError is recognised by the adapter (instanceof), core never reads names.
    assert.equal(describeFailure(new CancelledError()), undefined);
    assert.equal(describeFailure(Object.assign(new Error('Canceled'), { name: 'CancelledError' }))?.message, 'Something went wrong: Canceled');
  });

  test('401 offers Set API Key, not Retry; the key never appears in message or details', () => {
    const n = describeFailure(new ProblemError(problem({ status: 401, title: 'Unauthorized', detail: `Key ${KEY} is not valid` })), [KEY])!;
    assert.deepEqual(n.actions, ['setApiKey', 'showLog', 'copyDetails']);
    assert.equal(n.severity, 'error');
    assert.ok(!n.message.includes(KEY) && !n.details.includes(KEY));
    assert.match(n.message, /^Unauthorized: Key «redacted» is not valid/);
  });

  test('503 with a docs type offers Retry and Open Docs, as a warning; details are the problem JSON', () => {
    const n = describeFailure(
      new ProblemError(problem({ status: 503, title: 'Service Unavailable', type: 'https://docs.sequentum.com/errors/maintenance', detail: 'Back soon' })),
    )!;
    assert.deepEqual(n.actions, ['retry', 'openDocs', 'showLog', 'copyDetails']);
    assert.equal(n.docsUrl, 'https://docs.sequentum.com/errors/maintenance');
    assert.equal(n.severity, 'warning');
    assert.equal(n.message, 'Service Unavailable: Back soon');
    assert.equal((JSON.parse(n.details) as { status: number }).status, 503);
  });

  test('about:blank gets no Open Docs; 422 gets no Retry', () => {
    const n = describeFailure(new ProblemError(problem({ status: 422, title: 'Unprocessable Entity' })))!;
    assert.deepEqual(n.actions, ['showLog', 'copyDetails']);
  });

  test('network, timeout, no key and unexpected errors are worded by kind', () => {
    assert.match(describeFailure(new NetworkError('connect ECONNREFUSED'))!.message, /^Cannot reach the Sequentum server/);
    assert.deepEqual(describeFailure(new TimeoutError(30000))!.actions, ['retry', 'showLog', 'copyDetails']);
    assert.deepEqual(describeFailure(new NoApiKeyError())!.actions, ['setApiKey', 'showLog', 'copyDetails']);
    assert.equal(describeFailure(new Error('boom'))!.message, 'Something went wrong: boom');
  });

  test('same cause → same key; different status → different key', () => {
    const a = describeFailure(new ProblemError(problem({ status: 503, title: 'x' })))!;
    const b = describeFailure(new ProblemError(problem({ status: 503, title: 'y' })))!;
    const c = describeFailure(new ProblemError(problem({ status: 500, title: 'x' })))!;
    assert.equal(a.causeKey, b.causeKey);
    assert.notEqual(a.causeKey, c.causeKey);
  });
});

suite('NotificationGate', () => {
  test('one notification per cause until it clears', () => {
    const gate = new NotificationGate();
    assert.equal(gate.shouldNotify('network'), true);
    assert.equal(gate.shouldNotify('network'), false);
    assert.equal(gate.shouldNotify('problem:503'), true);
    gate.clear('network');
    assert.equal(gate.shouldNotify('network'), true);
    gate.clear();
    assert.equal(gate.activeCauses, 0);
  });
});
