// Reusable launcher for a throwaway code-server (VS Code's server build) on loopback. Used by the
// host tier, the UI tier and `npm run demo`; scripts/chromium.ts drives its workbench.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative, resolve } from 'node:path';
import type { VscodeTools } from './vscodeTools';

/** The repository root (scripts/ is one level below it). */
export const REPO_ROOT = resolve(__dirname, '..');

/** Settings every throwaway profile starts with: quiet, offline, no first-run UI. */
const BASE_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'window.commandCenter': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // State folders live inside this repo's .vscode-test/; do not offer to open the parent repo.
  'git.openRepositoryInParentFolders': 'never',
};

export interface CodeServerOptions {
  tools: VscodeTools;
  /** Short name for the state folder under .vscode-test/ (e.g. "host", "ui", "demo"). */
  label: string;
  /** Extra user settings (application/window scope), merged over the quiet defaults. */
  settings?: Record<string, unknown>;
  /** Extra environment for the server and so for its extension host (e.g. SEQUENTUM_API_KEY). */
  env?: Record<string, string>;
  /** Turns on VS Code's smoke-test driver: needed for `?payload=` test runs; hides toasts. */
  smokeTestDriver?: boolean;
  /** Extension folders copied into the extensions dir before start (dist/, media/, package.json …). */
  extensionFolders?: string[];
  /** VSIX files installed with `--install-extension` before start. */
  vsixFiles?: string[];
  /** Fixed port (demo); default: a free ephemeral port. */
  port?: number;
  /** Print the server's own output to this process's stdout (demo). */
  inheritOutput?: boolean;
}

export interface CodeServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** host:port — the authority `vscode-remote://` payload URIs need. */
  readonly authority: string;
  readonly stateDir: string;
  /** An empty folder to open as the workspace. */
  readonly workspaceDir: string;
  readonly pid: number;
  /** code-server's stdout/stderr so far plus VS Code's log files (for failure reports). */
  collectLogs(): Array<{ relativePath: string; contents: string }>;
  /** Kills the server's whole process group and deletes the state folder. Idempotent. */
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * A short-lived temp folder with a SHORT path. code-server (vscode-ipc-*.sock) and Chromium
 * (SingletonSocket) put Unix sockets into TMPDIR, and socket paths are limited to 107 bytes: under
 * a deeply nested checkout `<repo>/.vscode-test/run-…/tmp` is too long (Chromium aborts with
 * "Socket path too long"). So TMPDIR goes into the tool cache, which is outside the repo anyway.
 */
export function shortTempDir(tools: VscodeTools): string {
  const parent = join(tools.root, 'tmp');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, 's-'));
}

/** Environment that keeps code-server, VS Code and Chromium from writing outside `dir` and `tmp`. */
export function sandboxEnv(dir: string, tmp: string): Record<string, string> {
  for (const sub of ['home', 'config', 'data', 'cache']) mkdirSync(join(dir, sub), { recursive: true });
  return {
    HOME: join(dir, 'home'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    TMPDIR: tmp,
  };
}

function extensionFolderName(folder: string): string {
  const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  return `${pkg.publisher}.${pkg.name}-${pkg.version}`;
}

/** Copies only what a packaged extension contains (no node_modules, src, tests). */
function installFolder(folder: string, extensionsDir: string): void {
  const target = join(extensionsDir, extensionFolderName(folder));
  mkdirSync(target, { recursive: true });
  for (const entry of ['package.json', 'dist', 'media', 'schemas', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
    const from = join(folder, entry);
    if (existsSync(from)) cpSync(from, join(target, entry), { recursive: true });
  }
}

function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolveRun(output) : reject(new Error(`${args.join(' ')} failed:\n${output}`))));
  });
}

async function waitForHealthz(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode})`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000} s`);
}

function readTree(root: string, dir = root, out: Array<{ relativePath: string; contents: string }> = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) readTree(root, path, out);
    else if (name.endsWith('.log')) out.push({ relativePath: relative(root, path), contents: readFileSync(path, 'utf8') });
  }
  return out;
}

/** Live servers, so an unexpected exit of this process still kills them. */
const live = new Set<number>();
process.once('exit', () => {
  for (const pid of live) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** Starts code-server on 127.0.0.1 with throwaway state and waits until it answers. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const base = join(REPO_ROOT, '.vscode-test');
  mkdirSync(base, { recursive: true });
  const stateDir = mkdtempSync(join(base, `run-${options.label}-`));
  const userDataDir = join(stateDir, 'ud');
  const extensionsDir = join(stateDir, 'ext');
  const workspaceDir = join(stateDir, 'workspace');
  for (const dir of [join(userDataDir, 'User'), join(userDataDir, 'Machine'), extensionsDir, workspaceDir]) mkdirSync(dir, { recursive: true });
  const settings = JSON.stringify({ ...BASE_SETTINGS, ...options.settings }, null, 2);
  writeFileSync(join(userDataDir, 'User', 'settings.json'), settings);
  const tmpDir = shortTempDir(options.tools);
  const env: NodeJS.ProcessEnv = { ...process.env, ...sandboxEnv(stateDir, tmpDir), ...options.env };
  // The extension's own test runner variables must not leak into nested VS Code processes.
  delete env.ELECTRON_RUN_AS_NODE;
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  const cleanupState = () => {
    rmSync(stateDir, { recursive: true, force: true, maxRetries: 3 });
    rmSync(tmpDir, { recursive: true, force: true, maxRetries: 3 });
  };
  try {
    for (const folder of options.extensionFolders ?? []) installFolder(folder, extensionsDir);
    for (const vsix of options.vsixFiles ?? []) {
      await runToEnd(options.tools.node, [options.tools.codeServerEntry, ...common, '--install-extension', vsix], env);
    }
  } catch (error) {
    cleanupState();
    throw error;
  }

  const port = options.port ?? (await freePort());
  const authority = `127.0.0.1:${port}`;
  const url = `http://${authority}`;
  const args = [
    options.tools.codeServerEntry,
    '--bind-addr', authority,
    '--auth', 'none',
    ...common,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  const serverLog = join(stateDir, 'code-server.log');
  const logFd = openSync(serverLog, 'a');
  // detached: own process group, so stop() reaches the extension host and file watchers too.
  const child = spawn(options.tools.node, args, {
    cwd: workspaceDir,
    env,
    detached: true,
    stdio: ['ignore', options.inheritOutput ? 'inherit' : logFd, options.inheritOutput ? 'inherit' : logFd],
  });
  const pid = child.pid;
  if (pid === undefined) {
    cleanupState();
    throw new Error('code-server did not start');
  }
  live.add(pid);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const alive = () => child.exitCode === null && child.signalCode === null;
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // group already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // gone
      }
    }, 5000);
    if (alive()) await exited;
    clearTimeout(timer);
    // Children that ignored SIGTERM (file watcher, pty host) go with the group.
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone
    }
    live.delete(pid);
    cleanupState();
  };

  try {
    await waitForHealthz(url, child, 60_000);
  } catch (error) {
    const output = existsSync(serverLog) ? readFileSync(serverLog, 'utf8') : '';
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output}`);
  }

  return {
    url,
    authority,
    stateDir,
    workspaceDir,
    pid,
    collectLogs: () => [
      { relativePath: 'code-server.log', contents: existsSync(serverLog) ? readFileSync(serverLog, 'utf8') : '' },
      ...readTree(join(userDataDir, 'logs')),
    ],
    stop,
  };
}

/** Prints VS Code's logs (for failure reports), skipping empty files. */
export function formatLogs(logs: Array<{ relativePath: string; contents: string }>): string {
  return logs
    .filter((log) => log.contents.trim().length > 0)
    .map((log) => `----- ${log.relativePath} -----\n${log.contents.trimEnd()}`)
    .join('\n');
}
