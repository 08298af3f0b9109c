// `npm test`: lint, type check, build, then unit, host (inside a real VS Code) and UI (the real
// workbench in Chromium) tiers. Prints each tier's output and ends with exactly one line
// `N passed, M failed` summed over the test tiers; a failing gate (lint, types, build) counts as
// one failure. Exit code 1 on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './codeServer';
import { runHostTests, type TierResult } from './runHostTests';
import { runUiTests } from './runUiTests';
import { ensureVscodeTools } from './vscodeTools';

const bin = (name: string) => join(REPO_ROOT, 'node_modules', '.bin', name);
const rows: Array<{ name: string; result: TierResult; seconds: number }> = [];

function banner(title: string): void {
  console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`);
}

/** A gate passes or fails as a whole: one failure when it fails, nothing counted when it passes. */
function gate(name: string, command: string, args: string[]): void {
  banner(name);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  const ok = result.status === 0;
  console.log(ok ? `${name}: ok` : `${name}: FAILED (exit ${result.status ?? result.signal})`);
  rows.push({ name, result: { passed: 0, failed: ok ? 0 : 1 }, seconds: (Date.now() - started) / 1000 });
}

function unitTier(): void {
  banner('unit tests (plain Node)');
  const started = Date.now();
  const statsFile = join(REPO_ROOT, 'test-results', 'unit-stats.json');
  mkdirSync(join(statsFile, '..'), { recursive: true });
  rmSync(statsFile, { force: true });
  const reporter = join(REPO_ROOT, 'scripts', 'mochaStatsReporter.ts');
  const run = spawnSync(bin('mocha'), ['--config', '.mocharc.json', '--reporter', reporter], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, SEQUENTUM_MOCHA_STATS_FILE: statsFile },
  });
  const stats = existsSync(statsFile) ? (JSON.parse(readFileSync(statsFile, 'utf8')) as TierResult) : undefined;
  // A crash before the summary (e.g. a test file that does not load) is a failure too.
  const failed = run.status !== 0 ? Math.max(1, stats?.failed ?? 0) : (stats?.failed ?? 1);
  rows.push({ name: 'unit', result: { passed: stats?.passed ?? 0, failed }, seconds: (Date.now() - started) / 1000 });
}

async function asyncTier(name: string, title: string, run: () => Promise<TierResult>): Promise<void> {
  banner(title);
  const started = Date.now();
  let result: TierResult;
  try {
    result = await run();
  } catch (error) {
    console.log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    result = { passed: 0, failed: 1 };
  }
  rows.push({ name, result, seconds: (Date.now() - started) / 1000 });
}

async function main(): Promise<number> {
  gate('lint', bin('eslint'), ['.', '--max-warnings', '0']);
  gate('typecheck', bin('tsc'), ['--noEmit', '-p', '.']);
  gate('build', process.execPath, ['esbuild.js']);
  // Before the unit tier: one of its tests drives the host runner, which needs the toolchain.
  await asyncTier('toolchain', 'real-VS-Code toolchain (installs into the cache on first use)', async () => {
    const tools = await ensureVscodeTools();
    console.log(`code-server and Node 24 in ${tools.root}; Chromium at ${tools.chromium}`);
    return { passed: 0, failed: 0 };
  });
  unitTier();
  await asyncTier('host', 'host tests (mocha inside a real VS Code extension host)', () => runHostTests({ skipExtensionBuild: true }));
  await asyncTier('ui', 'UI checks (real workbench in Chromium, VSIX installed)', () => runUiTests());

  banner('summary');
  for (const row of rows) {
    const { passed, failed } = row.result;
    console.log(`  ${row.name.padEnd(10)} ${String(passed).padStart(4)} passed ${String(failed).padStart(3)} failed  ${row.seconds.toFixed(1)} s`);
  }
  for (const row of rows) for (const note of row.result.notes ?? []) console.log(`  ${row.name}: ${note}`);
  const passed = rows.reduce((sum, row) => sum + row.result.passed, 0);
  const failed = rows.reduce((sum, row) => sum + row.result.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
