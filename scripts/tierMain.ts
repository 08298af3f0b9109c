// The command-line end of a test tier (npm run test:host, test:ui): one summary line and the exit
// code, the same for every tier.

/** What a tier run reports. */
export interface TierCounts {
  passed: number;
  failed: number;
  /**
   * Lines worth repeating next to the summary: each failed check's name, and each check that
   * failed once and passed when run again (the tier's output above them can be long: VS Code's
   * logs follow a failure).
   */
  notes?: string[];
}

/**
 * Runs `run` as the script's main: prints "N passed, M failed" (the line people and scripts read
 * last) and exits 1 when anything failed or the run itself threw.
 */
export function runTierMain(run: () => Promise<TierCounts>): void {
  run().then(
    (result) => {
      for (const note of result.notes ?? []) console.log(`  ${note}`);
      console.log(`${result.passed} passed, ${result.failed} failed`);
      process.exit(result.failed > 0 ? 1 : 0);
    },
    (error: unknown) => {
      console.error(error);
      console.log('0 passed, 1 failed');
      process.exit(1);
    },
  );
}
