// UI tier: the real workbench in a real browser. Packages the VSIX, installs it into a clean
// code-server (no smoke-test driver, so toasts show), opens the page in headless Chromium and runs
// every check exported by test/ui/*.ui.ts. Each check counts as one test.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createUiContext, SCREENSHOT_DIR, type UiCheck, type UiContext, VSIX_PATH, workbenchShown } from '../test/support/uiFramework';
import { clearToasts } from '../test/support/uiWorkbench';
import { launchChromium } from './chromium';
import { formatLogs, REPO_ROOT, startCodeServer } from './codeServer';
import type { TierResult } from './runHostTests';
import { simulatorWiring, startTestSimulator } from './simulatorLink';
import { runTierMain } from './tierMain';
import { parseRetries, runCheckLoop } from './uiCheckLoop';
import { ensureVscodeTools } from './vscodeTools';

const README_SHOTS = join(REPO_ROOT, 'media', 'screenshots');

/** `vsce package` (production build through vscode:prepublish) into out/. */
export function packageVsix(out = VSIX_PATH): void {
  mkdirSync(join(out, '..'), { recursive: true });
  const vsce = join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  // Same flags as `npm run package`. README images stay relative: they are inside the VSIX and
  // render in VS Code's extension page (the repository URL would point them at GitHub instead).
  const args = ['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out];
  const result = spawnSync(vsce, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  // stdout/stderr are null when vsce could not be spawned at all; say so rather than fail on write(null).
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  if (result.status !== 0) throw new Error(`vsce package failed${result.error ? `: ${result.error.message}` : ''}`);
  // A marketplace-ready manifest packages without a single warning (missing repository, icon, …).
  const warnings = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => /\bWARNING\b/.test(line));
  if (warnings.length > 0) throw new Error(`vsce package warned:\n${warnings.join('\n')}`);
}

async function loadChecks(): Promise<Array<{ file: string; check: UiCheck }>> {
  const dir = join(REPO_ROOT, 'test', 'ui');
  // SEQUENTUM_UI_CHECKS=tree,runs runs only the files whose names contain one of those words.
  const only = (process.env.SEQUENTUM_UI_CHECKS ?? '').split(',').map((word) => word.trim()).filter(Boolean);
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.ui.ts') && (only.length === 0 || only.some((word) => file.includes(word))))
    .sort();
  const all: Array<{ file: string; check: UiCheck }> = [];
  for (const file of files) {
    const module = (await import(join(dir, file))) as { checks?: UiCheck[] };
    for (const check of module.checks ?? []) all.push({ file, check });
  }
  return all;
}

export interface UiRunOptions {
  /** Copy the screenshots checks marked `readme` into media/screenshots/. */
  updateReadmeScreenshots?: boolean;
  /** Per-check limit. */
  checkTimeoutMs?: number;
}

/** Closes what a failed check may have left open (a quick pick, a dialog, toasts). */
async function resetAfterFailure(ui: UiContext): Promise<void> {
  for (let i = 0; i < 3; i++) await ui.page.keyboard.press('Escape');
  await clearToasts(ui);
}

export async function runUiTests(options: UiRunOptions = {}): Promise<TierResult> {
  // Refused before anything starts: thrown after, it left code-server (its own process group) running.
  const retries = parseRetries(process.env.SEQUENTUM_UI_RETRIES);
  const checks = await loadChecks();
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  const tools = await ensureVscodeTools();
  packageVsix();
  const sim = await startTestSimulator({ timeScale: 100, rateLimit: { requests: 100, windowSeconds: 3 }, seed: 'demo' });
  // The key is typed in by a check, so it is deliberately NOT in the environment here.
  const wiring = simulatorWiring(sim);
  // Polls every second, so a run that ends is noticed (and its toast shown) within a check's timeout.
  const settings = { ...wiring.settings, 'sequentum.polling.intervalSeconds': 1 };
  const env: Record<string, string> = { SEQUENTUM_SIM_CONTROL_URL: `${sim.baseUrl}/__control` };
  const server = await startCodeServer({ tools, label: 'ui', settings, env, vsixFiles: [VSIX_PATH] }).catch(async (error: unknown) => {
    await sim.close();
    throw error;
  });
  const result: TierResult = { passed: 0, failed: 0 };
  try {
    const browser = await launchChromium(tools, server.stateDir);
    try {
      const { page } = browser;
      page.setDefaultTimeout(options.checkTimeoutMs ?? 30_000);
      await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspaceDir)}`);
      await workbenchShown(page);
      const ui = createUiContext(page, { baseUrl: sim.baseUrl, apiKey: sim.apiKey }, server.workspaceDir);
      console.log('\n  UI checks (code-server workbench in Chromium, VSIX installed)');
      // A failed check runs once more (SEQUENTUM_UI_RETRIES=0: never); see uiCheckLoop.ts.
      const loop = await runCheckLoop(
        checks.map(({ file, check }) => ({ file, name: check.name, check })),
        {
          retries,
          run: (entry) => entry.check.run(ui),
          onFailedAttempt: async (entry, n) => `screenshot: ${await ui.screenshot(`FAILED-${basename(entry.file, '.ui.ts')}-${n}`).catch(() => '(none)')}`,
          reset: () => resetAfterFailure(ui),
          log: (line) => console.log(line),
        },
      );
      Object.assign(result, { passed: loop.passed, failed: loop.failed, notes: loop.notes });
      if (loop.failedAttempts > 0) console.log(`\nVS Code's logs:\n${formatLogs(server.collectLogs())}`);
      if (options.updateReadmeScreenshots && result.failed === 0) {
        mkdirSync(README_SHOTS, { recursive: true });
        for (const shot of ui.readmeShots) copyFileSync(shot, join(README_SHOTS, basename(shot)));
        console.log(`  README screenshots updated in media/screenshots/ (${ui.readmeShots.map((s) => basename(s)).join(', ')})`);
      }
      console.log(`  screenshots: ${SCREENSHOT_DIR}`);
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
    await sim.close();
  }
  return result;
}

if (require.main === module) runTierMain(() => runUiTests({ updateReadmeScreenshots: process.argv.includes('--update-screenshots') }));
