import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fetch from 'node-fetch';
import type { CounterSnapshot } from '../simulator/control';
import { createSequentumClient, type SequentumClient } from '../src/core/api/client';
import { silentLogger } from '../src/core/log';
import { DEFAULT_SETTINGS } from '../src/core/settings';

/**
 * The simulator in its own process (`tsx simulator/cli.ts`), like a real remote server: the bench's
 * client and the server do not share one event loop, so client-side timings are not inflated by
 * the server's work. Counters come from the HTTP control API.
 */
export interface SimProcess {
  baseUrl: string;
  apiKeys: string[];
  counters(): Promise<CounterSnapshot>;
  /** Calls a SimulatorControl operation over HTTP (`/__control/<op>`). */
  control<T = unknown>(op: string, ...args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

export async function startSimulatorProcess(options: { rateLimit: string; apiKeys: string[]; timeScale?: number; seed?: string }): Promise<SimProcess> {
  const root = join(__dirname, '..');
  const args = [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'simulator/cli.ts'), '--rate-limit', options.rateLimit];
  for (const key of options.apiKeys) args.push('--key', key);
  if (options.timeScale !== undefined) args.push('--time-scale', String(options.timeScale));
  if (options.seed !== undefined) args.push('--seed', options.seed);
  const child: ChildProcess = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`simulator did not start: ${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Base URL:\s+(http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}): ${output}`)));
  });
  return {
    baseUrl,
    apiKeys: options.apiKeys,
    counters: async () => (await (await fetch(`${baseUrl}/__control/counters`)).json()) as CounterSnapshot,
    control: async <T>(op: string, ...args: unknown[]): Promise<T> => {
      const response = await fetch(`${baseUrl}/__control/${op}`, { method: 'POST', body: JSON.stringify(args), headers: { 'Content-Type': 'application/json' } });
      // A refused operation (bad arguments) stops the section, rather than reading the error as a result.
      if (!response.ok) throw new Error(`control ${op}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A section's simulator (its own process, one key, no data), a client on it and a folder for files. */
export interface BenchSimulator {
  sim: SimProcess;
  /** The extension's client with the default settings (100 requests per 60 s, as the simulator). */
  client: SequentumClient;
  /** A fresh temporary folder; removed by {@link BenchSimulator.close}. */
  dir: string;
  /** An agent with one finished run (status 10), to add output files to. */
  agentId: number;
  runId: number;
  /** Disposes the client, stops the simulator, removes the folder. */
  close(): Promise<void>;
}

/**
 * What the download-shaped sections (big download, Download All, big table) start with: the
 * simulator in its own process, the real client, a temporary folder, an agent with a finished run.
 */
export async function benchSimulator(options: { key: string; agentName: string; dirPrefix: string }): Promise<BenchSimulator> {
  const sim = await startSimulatorProcess({ rateLimit: '100/60', apiKeys: [options.key], seed: 'empty' });
  const dir = await mkdtemp(join(tmpdir(), options.dirPrefix));
  const client = createSequentumClient({ baseUrl: sim.baseUrl, apiKey: options.key, settings: DEFAULT_SETTINGS, log: silentLogger });
  const close = async (): Promise<void> => {
    client.dispose();
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const agentId = (await sim.control<{ id: number }>('addAgent', { name: options.agentName })).id;
    const runId = (await sim.control<{ id: number }>('addRun', agentId, { status: 10 })).id;
    return { sim, client, dir, agentId, runId, close };
  } catch (error) {
    await close();
    throw error;
  }
}
