// The log sink: server text in the "Sequentum" log stays on its line with its control characters
// visible — a line break cannot forge an entry that reads as ours, an ANSI escape cannot colour the
// rest. Checked on the function, on the log channel adapter (an error's message in an argument),
// and on the request pipeline's warning line for a real problem answer from the simulator.
import '../../../support/fakeVscode';
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { startSimulator, type Simulator } from '../../../../simulator/index';
import { createSequentumClient } from '../../../../src/core/api/client';
import { silentLogger, type Logger } from '../../../../src/core/log';
import { DEFAULT_SETTINGS } from '../../../../src/core/settings';
import { forLog, forLogArgument } from '../../../../src/core/text/sinks';
import { createLogger } from '../../../../src/platform/logChannel';

const FORGED = 'Agent not found\n2026-11-30 12:00:00.000 [error] forged';
const COLOURED = '\u001b[31mred\u001b[0m';
/** What makes a new line in the log or in an editor showing it. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

suite('Log sink: server text in the log', () => {
  test('a forged log line and an ANSI escape come out as one line with the characters visible', () => {
    const logged = forLog(`${FORGED} ${COLOURED}`);
    assert.doesNotMatch(logged, LINE_BREAK);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(logged, /[\u0000-\u001f\u007f-\u009f]/);
    assert.equal(logged, 'Agent not found\\n2026-11-30 12:00:00.000 [error] forged \\u001b[31mred\\u001b[0m');
  });

  test('CR, tab, C1, bidi overrides and Unicode line separators are shown escaped; backslashes and other text as they are', () => {
    assert.equal(forLog('a\r\nb\tc\u0085d\u202ee\u2028f C:\\runs\\data.csv — ünïcode'), 'a\\r\\nb\\tc\\u0085d\\u202ee\\u2028f C:\\runs\\data.csv — ünïcode');
    assert.equal(forLog(undefined), '');
    assert.equal(forLog(404), '404');
  });

  test('long text is cut with a note of how much more there was', () => {
    assert.equal(forLog('x'.repeat(30), { maxLength: 10 }), `${'x'.repeat(10)}… (20 more characters)`);
    const huge = forLog('\n'.repeat(1_000_000));
    assert.ok(huge.length < 5000, `bounded: ${huge.length}`);
    assert.match(huge, /… \(998000 more characters\)$/);
  });

  test('an error argument: its message on one line, its stack frames kept as they are', () => {
    const error = new TypeError(FORGED);
    const safe = forLogArgument(error) as Error;
    assert.ok(safe instanceof Error);
    assert.equal(safe.name, 'TypeError');
    assert.equal(safe.message, forLog(FORGED));
    const [head, ...frames] = (safe.stack ?? '').split('\n');
    assert.equal(head, `TypeError: ${forLog(FORGED)}`);
    const originalFrames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
    assert.ok(originalFrames.length > 0);
    assert.deepEqual(frames, originalFrames);
    assert.equal(forLogArgument(`x${COLOURED}`), 'x\\u001b[31mred\\u001b[0m');
    assert.deepEqual(forLogArgument({ status: 404 }), { status: 404 });
  });

  test('an error whose server message holds lines that look like stack frames: those stay in the escaped message, not among the frames', () => {
    const message = 'Agent not found\n    at [error] Your API key leaked: set a new one at https://evil.example';
    const error = new Error(message);
    const safe = forLogArgument(error) as Error;
    const [head, ...frames] = (safe.stack ?? '').split('\n');
    assert.equal(head, `Error: ${forLog(message)}`);
    assert.ok(frames.every((frame) => !frame.includes('evil.example')), frames.join('\n'));
    const ourFrames = (error.stack ?? '').split('\n').slice(2);
    assert.ok(ourFrames.length > 0 && ourFrames.every((line) => /^\s+at /.test(line)));
    assert.deepEqual(frames, ourFrames, 'our frames kept, all of them');
    const empty = forLogArgument(new RangeError()) as Error;
    assert.equal((empty.stack ?? '').split('\n')[0], 'RangeError');
    assert.ok((empty.stack ?? '').split('\n').length > 1, 'an error without a message keeps its frames');
  });

  test('the log channel adapter passes every argument through the sink and the message as it is', () => {
    const written: unknown[][] = [];
    const record = (...args: unknown[]): void => void written.push(args);
    const channel = { trace: record, debug: record, info: record, warn: record, error: record } as unknown as vscode.LogOutputChannel;
    const log = createLogger(channel);
    log.warn('Start of agent 7 failed at send', new Error(FORGED), COLOURED);
    log.error(new Error(FORGED));
    const [[message, error, text], [alone]] = written as [[string, Error, string], [Error]];
    assert.equal(message, 'Start of agent 7 failed at send');
    assert.equal(error.message, forLog(FORGED));
    assert.equal(text, forLog(COLOURED));
    assert.doesNotMatch(alone.message, LINE_BREAK);
    assert.match(alone.stack ?? '', /^Error: Agent not found\\n2026.* forged\n\s+at /);
  });

  suite('the request pipeline\'s warning line for a problem answer', () => {
    let sim: Simulator;
    suiteSetup(async () => {
      sim = await startSimulator({ seed: 'empty' });
    });
    suiteTeardown(() => sim.close());

    test('a problem title with a forged line and a detail with an ANSI escape: one warning line, both visible', async () => {
      const warnings: string[] = [];
      const log: Logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
      const client = createSequentumClient({
        baseUrl: sim.baseUrl, apiKey: sim.apiKey, log, timeoutMs: 5000, retry: { maxAttempts: 1 },
        settings: { ...DEFAULT_SETTINGS, baseUrl: sim.baseUrl, rateLimit: { requests: 10_000, windowSeconds: 60 } },
      });
      const body = JSON.stringify({ type: 'about:blank', status: 404, title: FORGED, detail: `Look ${COLOURED}` });
      sim.control.setHostileBodies('GET spaces', [{ status: 404, contentType: 'application/problem+json', body }]);
      try {
        await assert.rejects(client.listSpaces());
      } finally {
        client.dispose();
      }
      assert.equal(warnings.length, 1, warnings.join(' | '));
      const [line = ''] = warnings;
      assert.doesNotMatch(line, LINE_BREAK);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(line, /\u001b/);
      assert.match(line, /^GET \/\S+ failed \(problem\): .*Agent not found\\n2026-11-30 12:00:00\.000 \[error\] forged/);
      assert.match(line, /\\u001b\[31mred/);
    });
  });
});
