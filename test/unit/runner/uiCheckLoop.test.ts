// The UI tier's verdict: a check failing once and passing on its second attempt passes but is named
// as flaky; failing twice fails; with retries 0 a failure is final; the reset runs only between
// attempts of a failed check.
import * as assert from 'node:assert/strict';
import { firstLine, parseRetries, runCheckLoop } from '../../../scripts/uiCheckLoop';

interface FakeCheck {
  name: string;
  file: string;
  /** One entry per attempt: true passes, false throws. */
  outcomes: boolean[];
}

async function loop(checks: FakeCheck[], retries: 0 | 1) {
  const attempts = new Map<string, number>();
  const events: string[] = [];
  const result = await runCheckLoop(checks, {
    retries,
    run: async (check) => {
      const n = attempts.get(check.name) ?? 0;
      attempts.set(check.name, n + 1);
      events.push(`run ${check.name}#${n + 1}`);
      await Promise.resolve();
      if (!check.outcomes[n]) throw new Error(`${check.name} attempt ${n + 1} failed\nsecond line`);
    },
    onFailedAttempt: async (check, n) => {
      events.push(`shot ${check.name} ${n}`);
      return Promise.resolve(`screenshot: FAILED-${n}.png`);
    },
    reset: async () => {
      events.push('reset');
      return Promise.resolve();
    },
    log: (line) => events.push(`log ${line.trim().split('\n')[0]}`),
  });
  return { result, events, attempts };
}

suite('UI check loop (retry once, name the flaky)', () => {
  test('a passing check runs once and counts as passed, with no notes', async () => {
    const { result, attempts } = await loop([{ name: 'a', file: 'a.ui.ts', outcomes: [true] }], 1);
    assert.deepEqual({ passed: result.passed, failed: result.failed, notes: result.notes }, { passed: 1, failed: 0, notes: [] });
    assert.equal(attempts.get('a'), 1);
  });

  test('failing once then passing counts as passed and is named as flaky with the first error', async () => {
    const { result, events } = await loop([{ name: 'b', file: 'b.ui.ts', outcomes: [false, true] }], 1);
    assert.equal(result.passed, 1);
    assert.equal(result.failed, 0);
    assert.equal(result.failedAttempts, 1);
    assert.deepEqual(result.notes, ['passed on its second attempt (flaky): b (b.ui.ts) — first attempt: b attempt 1 failed']);
    assert.deepEqual(
      events.filter((e) => !e.startsWith('log')),
      ['run b#1', 'shot b 1', 'reset', 'run b#2'],
    );
  });

  test('failing twice fails, with both errors in the note and a screenshot each', async () => {
    const { result, events } = await loop([{ name: 'c', file: 'c.ui.ts', outcomes: [false, false] }], 1);
    assert.equal(result.passed, 0);
    assert.equal(result.failed, 1);
    assert.deepEqual(result.notes, ['failed twice: c (c.ui.ts) — c attempt 1 failed / then: c attempt 2 failed']);
    assert.deepEqual(events.filter((e) => e.startsWith('shot')), ['shot c 1', 'shot c 2']);
  });

  test('with retries 0 a failure is final: no reset, no second run', async () => {
    const { result, events } = await loop([{ name: 'd', file: 'd.ui.ts', outcomes: [false, true] }], 0);
    assert.equal(result.failed, 1);
    assert.equal(result.passed, 0);
    assert.deepEqual(result.notes, ['failed: d (d.ui.ts) — d attempt 1 failed']);
    assert.ok(!events.includes('reset'));
    assert.ok(!events.includes('run d#2'));
  });

  test('every check is counted once across a mixed list', async () => {
    const { result } = await loop(
      [
        { name: 'p', file: 'p.ui.ts', outcomes: [true] },
        { name: 'f', file: 'f.ui.ts', outcomes: [false, false] },
        { name: 'r', file: 'r.ui.ts', outcomes: [false, true] },
      ],
      1,
    );
    assert.equal(result.passed + result.failed, 3);
    assert.equal(result.passed, 2);
    assert.equal(result.failed, 1);
    assert.equal(result.notes.length, 2);
  });

  test('a check that throws a non-error still fails (never read as passed)', async () => {
    const result = await runCheckLoop([{ name: 'z' }], {
      retries: 0,
      run: () => Promise.reject(undefined as unknown as Error),
      onFailedAttempt: () => Promise.resolve(''),
      reset: () => Promise.resolve(),
      log: () => undefined,
    });
    assert.equal(result.failed, 1);
  });

  test('SEQUENTUM_UI_RETRIES accepts 0, 1 or nothing and refuses anything else', () => {
    assert.equal(parseRetries(undefined), 1);
    assert.equal(parseRetries(''), 1);
    assert.equal(parseRetries('0'), 0);
    assert.equal(parseRetries('1'), 1);
    assert.throws(() => parseRetries('2'), /must be 0 or 1, not "2"/);
    assert.throws(() => parseRetries('yes'), /must be 0 or 1/);
  });

  test('firstLine keeps the first non-empty line, cut to 200 characters', () => {
    assert.equal(firstLine(new Error('\n  \nreal line\nmore')), 'real line');
    assert.equal(firstLine('x'.repeat(300)), `${'x'.repeat(200)}…`);
  });
});
