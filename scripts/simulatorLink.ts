// Starts the local Sequentum simulator for the test tiers and the demo, and turns it into the
// settings and extension-host environment that point the extension at it.
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator/index';

export type SimulatorHandle = Pick<Simulator, 'baseUrl' | 'apiKey' | 'close'>;

export function startTestSimulator(options: SimulatorOptions): Promise<Simulator> {
  return startSimulator(options);
}

/** Settings and extension-host environment that point the extension at a simulator. */
export function simulatorWiring(sim: SimulatorHandle): { settings: Record<string, unknown>; env: Record<string, string> } {
  return {
    settings: { 'sequentum.baseUrl': sim.baseUrl },
    env: { SEQUENTUM_API_KEY: sim.apiKey, SEQUENTUM_SIM_CONTROL_URL: `${sim.baseUrl}/__control` },
  };
}
