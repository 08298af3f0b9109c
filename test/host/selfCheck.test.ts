// Proves the host runner is honest: with SEQUENTUM_TEST_SELF_CHECK=fail this suite fails on
// purpose and the run must end with exit code 1 (asserted by test/unit/hostRunner.test.ts).
import * as assert from 'node:assert/strict';

if (process.env.SEQUENTUM_TEST_SELF_CHECK === 'fail') {
  suite('runner self-check', () => {
    test('fails on purpose (SEQUENTUM_TEST_SELF_CHECK=fail)', () => {
      assert.equal(1 + 1, 3, 'deliberate failure');
    });
  });
}
