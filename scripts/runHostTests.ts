// Host tier: runs test/host/** with mocha inside a real VS Code extension host. Default launcher:
// code-server + headless Debian Chromium with VS Code's smoke-test driver (offline-capable);
// SEQUENTUM_TEST_LAUNCHER=electron uses @vscode/test-electron (downloads desktop VS Code).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import * as esbuild from 'esbuild';
import { launchChromium } from './chromium';
import { formatLogs, REPO_ROOT, startCodeServer } from './codeServer';
import { simulatorWiring, startTestSimulator } from './simulatorLink';
import { runTierMain, type TierCounts } from './tierMain';
import { ensureVscodeTools } from './vscodeTools';
import { STATS_MARKER } from '../test/host/index';

export type TierResult = TierCounts;

export interface HostRunOptions {
  /** Skip `node esbuild.js` (npm test has just built). */
  skipExtensionBuild?: boolean;
  /** Whole-run limit; the run counts as failed when it is reached. */
  timeoutMs?: number;
}

const OUT_DIR = join(REPO_ROOT, 'out', 'test', 'host');

function hostTestSources(dir = join(REPO_ROOT, 'test', 'host')): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(dir, file));
}

/** Compiles the suite index and every host test to out/test/host (CJS, `vscode` and packages external). */
export async function buildHostTests(): Promise<void> {
  rmSync(OUT_DIR, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: hostTestSources(),
    outdir: OUT_DIR,
    outbase: join(REPO_ROOT, 'test', 'host'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

function buildExtension(): void {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'esbuild.js')], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('extension build failed');
}

function parseStats(lines: string[]): TierResult | undefined {
  for (const line of [...lines].reverse()) {
    const at = line.indexOf(STATS_MARKER);
    if (at >= 0) return JSON.parse(line.slice(at + STATS_MARKER.length).trim()) as TierResult;
  }
  return undefined;
}

/** Workbench chatter that says nothing about our tests (see docs: harmless noise). */
function isNoise(line: string): boolean {
  return /github-authentication|open-vsx|Canceled|\[gallery\]|marketplace|ExtensionGalleryService|connection token|Creating a socket|reconnection-grace-time|builtin extensions cache|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\]/i.test(
    line,
  );
}

async function runWithCodeServer(env: Record<string, string>, settings: Record<string, unknown>, timeoutMs: number): Promise<TierResult> {
  const tools = await ensureVscodeTools();
  const server = await startCodeServer({ tools, label: 'host', settings, env, smokeTestDriver: true });
  const browser = await launchChromium(tools, server.stateDir).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  const lines: string[] = [];
  try {
    const outcome = new Promise<{ code: number; logs: Array<{ relativePath: string; contents: string }> }>((resolve) => {
      void browser.page.exposeFunction('codeAutomationExit', (code: number, logs: Array<{ relativePath: string; contents: string }>) =>
        resolve({ code, logs: logs ?? [] }),
      );
    });
    await browser.page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      lines.push(line);
      if (!isNoise(line)) console.log(line);
    });
    const remote = (path: string) => `vscode-remote://${server.authority}${path}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(REPO_ROOT)],
      ['extensionTestsPath', remote(join(OUT_DIR, 'index.js'))],
      ['skipWelcome', 'true'],
    ]);
    await browser.page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspaceDir)}&payload=${encodeURIComponent(payload)}`);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const result = await Promise.race([outcome, timedOut]);
    clearTimeout(timer);
    const stats = parseStats(lines);
    if (result === 'timeout') {
      console.log(`Host tests did not finish within ${timeoutMs / 1000} s.`);
      console.log(formatLogs(server.collectLogs()));
      return { passed: stats?.passed ?? 0, failed: Math.max(1, stats?.failed ?? 0) };
    }
    if (result.code !== 0 || !stats || stats.failed > 0) {
      console.log(`\nVS Code exited with code ${result.code}. Its logs:`);
      console.log(formatLogs([...result.logs, ...server.collectLogs()]));
    }
    // Exit code 1 with no failed test (e.g. the suite index did not load) is still a failure.
    return { passed: stats?.passed ?? 0, failed: result.code !== 0 ? Math.max(1, stats?.failed ?? 0) : (stats?.failed ?? 1) };
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function runWithElectron(env: Record<string, string>, timeoutMs: number): Promise<TierResult> {
  const { runTests } = await import('@vscode/test-electron');
  const stateDir = join(REPO_ROOT, '.vscode-test', 'electron-run');
  rmSync(stateDir, { recursive: true, force: true });
  mkdirSync(join(stateDir, 'workspace'), { recursive: true });
  const statsFile = join(stateDir, 'stats.json');
  let code = 1;
  const timer = setTimeout(() => console.log(`Host tests still running after ${timeoutMs / 1000} s`), timeoutMs);
  try {
    code = await runTests({
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: join(OUT_DIR, 'index.js'),
      extensionTestsEnv: { ...env, SEQUENTUM_HOST_STATS_FILE: statsFile },
      launchArgs: [join(stateDir, 'workspace'), '--disable-extensions', '--user-data-dir', join(stateDir, 'ud'), '--skip-welcome'],
    });
  } catch (error) {
    console.log(error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
  }
  const stats = existsSync(statsFile) ? (JSON.parse(readFileSync(statsFile, 'utf8')) as TierResult) : undefined;
  rmSync(stateDir, { recursive: true, force: true });
  return { passed: stats?.passed ?? 0, failed: code !== 0 ? Math.max(1, stats?.failed ?? 0) : (stats?.failed ?? 1) };
}

/** Builds, runs every host test once in one VS Code, prints mocha's output, returns the counts. */
export async function runHostTests(options: HostRunOptions = {}): Promise<TierResult> {
  const timeoutMs = options.timeoutMs ?? 240_000;
  if (!options.skipExtensionBuild) buildExtension();
  await buildHostTests();
  // Fast clock and a short rate-limit window: host tests see runs finish and budgets refill quickly.
  const sim = await startTestSimulator({ timeScale: 1000, rateLimit: { requests: 100, windowSeconds: 3 }, seed: 'demo' });
  try {
    const wiring = simulatorWiring(sim);
    return process.env.SEQUENTUM_TEST_LAUNCHER === 'electron'
      ? await runWithElectron(wiring.env, timeoutMs)
      : await runWithCodeServer(wiring.env, wiring.settings, timeoutMs);
  } finally {
    await sim.close();
  }
}

if (require.main === module) runTierMain(() => runHostTests());
