import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import fetch from 'node-fetch';
import type { CounterSnapshot } from '../simulator/control';

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
