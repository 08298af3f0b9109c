// Every known CPU bomb (and any input the fuzzer builds) gets an answer, and a sane one: a bounded
// message, a pointer too long or deep to resolve falls back to the entry's name. How long they
// take is the bench's job (`npm run bench -- "hostile cpu"`), not a test's.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ProblemDetails } from '../../../src/core/api/errors';
import { MAX_DETAIL_CHARS, MAX_TITLE_CHARS } from '../../../src/core/api/problemDetails';
import { bombArbitrary, CPU_CASES, CPU_TARGETS } from '../../support/cpuBombs';

suite('Proof: CPU bombs get a sane answer', () => {
  test('there is a case for each trick, and each names a target', () => {
    assert.ok(CPU_CASES.length >= 15);
    for (const c of CPU_CASES) assert.ok(CPU_TARGETS.some((t) => t.name === c.target), c.name);
  });

  for (const c of CPU_CASES) {
    test(c.name, () => {
      const target = CPU_TARGETS.find((t) => t.name === c.target);
      assert.ok(target);
      const result = target.run(c.input);
      if (target.name.startsWith('HTML')) {
        const problem = result as ProblemDetails;
        assert.ok(problem.title.length <= MAX_TITLE_CHARS && (problem.detail ?? '').length <= MAX_DETAIL_CHARS);
      }
      if (target.name.startsWith('JSON pointer') || target.name.startsWith('ASP.NET')) {
        // Too long or too deep to resolve: the problem goes on the entry's name, not a guessed field.
        assert.equal((result as { exact: boolean }).exact, false);
      }
      if (target.name.startsWith('server file name')) assert.ok((result as string).length <= 120);
    });
  }

  test('property: every target answers any repeated-token input without throwing', () => {
    fc.assert(
      fc.property(bombArbitrary(4096), ({ input }) => {
        for (const target of CPU_TARGETS) target.run(input);
      }),
      { numRuns: 100 },
    );
  });
});
