// Starts the local Sequentum simulator (simulator/index.ts, owned by the simulator work) when it
// is present, so test tiers and the demo point the extension at it. Loaded dynamically: this file
// keeps type-checking while the simulator is absent or half-written.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './codeServer';

/** The parts of the simulator's interface (team brief) the launchers use. */
export interface SimulatorHandle {
  baseUrl: string;
  apiKey: string;
  close(): Promise<void>;
}

export interface SimulatorLaunchOptions {
  timeScale?: number;
  rateLimit?: { requests: number; windowSeconds: number };
  seed?: 'demo' | 'empty' | { spaces: number; agents: number };
  port?: number;
}

export function simulatorPresent(): boolean {
  return existsSync(join(REPO_ROOT, 'simulator', 'index.ts'));
}

/** The simulator, or undefined when simulator/index.ts does not exist yet. */
export async function startSimulatorIfPresent(options: SimulatorLaunchOptions): Promise<SimulatorHandle | undefined> {
  if (!simulatorPresent()) return undefined;
  const module = (await import(join(REPO_ROOT, 'simulator', 'index.ts'))) as {
    startSimulator(options: SimulatorLaunchOptions): Promise<SimulatorHandle>;
  };
  return module.startSimulator(options);
}

/** Settings and extension-host environment that point the extension at a simulator. */
export function simulatorWiring(sim: SimulatorHandle): { settings: Record<string, unknown>; env: Record<string, string> } {
  return {
    settings: { 'sequentum.baseUrl': sim.baseUrl },
    env: { SEQUENTUM_API_KEY: sim.apiKey, SEQUENTUM_SIM_CONTROL_URL: `${sim.baseUrl}/__control` },
  };
}
