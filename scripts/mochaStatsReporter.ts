// Mocha's spec output for people, plus the counts in a JSON file for scripts/test.ts (so the
// summary never depends on parsing human-readable text). File from SEQUENTUM_MOCHA_STATS_FILE.
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';

class StatsReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.SEQUENTUM_MOCHA_STATS_FILE;
      const stats = runner.stats;
      if (file && stats) writeFileSync(file, JSON.stringify({ passed: stats.passes, failed: stats.failures, pending: stats.pending }));
    });
  }
}

// Mocha requires a reporter module and calls its export as the constructor.
export = StatsReporter;
