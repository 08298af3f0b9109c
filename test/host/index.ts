// Suite index loaded by the VS Code extension host (`extensionTestsPath`). Launcher-agnostic: the
// code-server runner (scripts/runHostTests.ts) and @vscode/test-electron both call run().
import { readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Mocha from 'mocha';

/** Summary line the runners parse; kept stable. */
export const STATS_MARKER = 'SEQUENTUM_HOST_STATS';

/**
 * Every compiled host test next to this file, so new `test/host/**\/*.test.ts` files join by
 * themselves. SEQUENTUM_HOST_TESTS=extension,tree narrows the run to files whose names start so.
 */
function testFiles(): string[] {
  const only = process.env.SEQUENTUM_HOST_TESTS?.split(',').map((name) => name.trim()).filter(Boolean);
  return readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .filter((file) => !only || only.some((name) => basename(file).startsWith(name)))
    .sort()
    .map((file) => join(__dirname, file));
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  for (const file of testFiles()) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = { passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? failures, pending: runner.stats?.pending ?? 0 };
        console.log(`${STATS_MARKER} ${JSON.stringify(stats)}`);
        // A file channel as well, for launchers that do not relay the extension host's console.
        const statsFile = process.env.SEQUENTUM_HOST_STATS_FILE;
        if (statsFile) writeFileSync(statsFile, JSON.stringify(stats));
        if (failures > 0) reject(new Error(`${failures} host test(s) failed`));
        else resolve();
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
