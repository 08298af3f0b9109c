// `npm run demo`: no account needed. Starts the local Sequentum simulator with sample data and a
// real VS Code (code-server, no auth, loopback only) with the freshly built extension installed and
// pointed at it. Prints the URL to open; Ctrl+C stops everything.
//   npm run demo -- [--port 8080] [--time-scale 1]
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CodeServer, freePort, REPO_ROOT, startCodeServer } from './codeServer';
import { simulatorWiring, startTestSimulator } from './simulatorLink';
import { ensureVscodeTools } from './vscodeTools';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** 8080 when free (easy to remember and forward), otherwise any free port. */
async function pickPort(): Promise<number> {
  const wanted = Number(option('--port') ?? 8080);
  const { createServer } = await import('node:net');
  const free = await new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(wanted, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
  return free ? wanted : freePort();
}

/** A sample run-config file naming a real demo agent, so CodeLens and diagnostics have something to show. */
async function writeSampleRunConfig(server: CodeServer, baseUrl: string, apiKey: string): Promise<void> {
  try {
    const response = await fetch(`${baseUrl}/api/v1/agent/all`, { headers: { Authorization: `ApiKey ${apiKey}` } });
    const agents = (await response.json()) as Array<{ id: number; name: string }>;
    const agent = agents[0];
    if (!agent) return;
    const config = { runs: [{ name: `Demo: ${agent.name}`, agentId: agent.id, parallelism: 1, logLevel: 'Info' }] };
    writeFileSync(join(server.workspaceDir, 'demo.sequentum.json'), JSON.stringify(config, null, 2) + '\n');
  } catch {
    // Optional sugar: the demo works without it.
  }
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'esbuild.js')], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const tools = await ensureVscodeTools();
  // timeScale 1: demo runs take their realistic 1–3 minutes, long enough to watch them progress.
  const sim = await startTestSimulator({ seed: 'demo', timeScale: Number(option('--time-scale') ?? 1) });
  const wiring = simulatorWiring(sim);
  let server: CodeServer | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the demo …');
    await server?.stop();
    await sim.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  try {
    server = await startCodeServer({
      tools,
      label: 'demo',
      settings: wiring.settings,
      env: wiring.env,
      extensionFolders: [REPO_ROOT],
      port: await pickPort(),
    });
  } catch (error) {
    await sim.close();
    throw error;
  }
  await writeSampleRunConfig(server, sim.baseUrl, sim.apiKey);
  console.log(`
  Sequentum Cloud for VS Code — demo
  ----------------------------------
  Open VS Code:      ${server.url}/?folder=${encodeURIComponent(server.workspaceDir)}
  Simulator API:     ${sim.baseUrl}/api/v1   (also the sequentum.baseUrl setting)
  Simulator API key: ${sim.apiKey}   (already given to VS Code as SEQUENTUM_API_KEY)
  Simulator control: ${sim.baseUrl}/__control/info

  Everything listens on 127.0.0.1 only; state is thrown away on exit. Ctrl+C stops the demo.
`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
