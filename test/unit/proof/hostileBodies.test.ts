import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../simulator/index';
import { SequentumError } from '../../../src/core/api/errors';
import { HOSTILE_CASES, judgeHostile, runHostileCase } from '../../support/hostileCases';

suite('Proof: hostile and broken bodies through the real client', function () {
  this.timeout(60_000);
  let sim: Simulator;

  suiteSetup(async () => {
    // A recognisable key: every error is also checked for it.
    sim = await startSimulator({ rateLimit: { requests: 10_000, windowSeconds: 60 }, apiKeys: ['sk-PROOF-hostile-5f3c9a1e7d'] });
  });

  suiteTeardown(async () => {
    await sim.close();
  });

  test('there are at least 30 cases', () => {
    assert.ok(HOSTILE_CASES.length >= 30, String(HOSTILE_CASES.length));
  });

  for (const c of HOSTILE_CASES) {
    test(c.name, async () => {
      const outcome = await runHostileCase(sim, c);
      const verdict = judgeHostile(c, outcome, sim.apiKey);
      assert.ok(verdict.ok, `${verdict.why ?? ''} — ${outcome.outcome.slice(0, 300)}`);
      if (outcome.error) assert.ok(SequentumError.is(outcome.error) && outcome.error.message.length > 0);
    });
  }
});
