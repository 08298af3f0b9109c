import { createSequentumClient, type SequentumClient } from '../../src/core/api/client';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/index';
import type { SequentumApi } from '../../src/core/api/sequentumApi';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { silentLogger } from '../../src/core/log';
import { makeTree, type TreeSetup } from './treeSetup';

/**
 * A tree over the real client talking HTTP to `baseUrl` (the simulator, or a dead port). One
 * attempt per request, so a fault shows as the error it is instead of being retried away.
 */
export function realClient(baseUrl: string, apiKey: string): SequentumClient {
  return createSequentumClient({
    baseUrl,
    apiKey,
    settings: { ...DEFAULT_SETTINGS, baseUrl, rateLimit: { requests: 10_000, windowSeconds: 60 } },
    log: silentLogger,
    timeoutMs: 5000,
    retry: { maxAttempts: 1 },
  });
}

export function treeOver(client: SequentumApi, baseUrl: string, options: { agentPageSize?: number } = {}): TreeSetup {
  return makeTree(() => Promise.resolve(client), { baseUrl, ...options });
}

/**
 * Suite fixture: the suite's simulator and a {@link realClient} on it, handed to `assign` once both
 * are up and closed after the suite; `beforeEach` runs before every test (a reset, clearing faults).
 */
export function useSimulatorWithClient(options: SimulatorOptions, assign: (sim: Simulator, client: SequentumClient) => void, beforeEach?: (sim: Simulator) => void): void {
  let sim: Simulator | undefined;
  let client: SequentumClient | undefined;
  suiteSetup(async () => {
    sim = await startSimulator(options);
    client = realClient(sim.baseUrl, sim.apiKey);
    assign(sim, client);
  });
  suiteTeardown(async () => {
    client?.dispose();
    await sim?.close();
  });
  if (beforeEach) setup(() => sim && beforeEach(sim));
}

/** An empty account (seed 'empty'), reset before every test. */
export function useEmptySimulator(timeScale: number, assign: (sim: Simulator, client: SequentumClient) => void): void {
  useSimulatorWithClient({ timeScale, seed: 'empty' }, assign, (sim) => sim.control.reset('empty'));
}

