import type { SimContext } from './context';
import type { SimRun } from './types';

/**
 * A run someone else starts on the same agent: a teammate with the same key (or their own), or one
 * of the agent's schedules firing. Tests use it to put such a run next to the extension's own start
 * — in the same millisecond, with the same or other options — and check that the extension never
 * takes it for its own. It is a real run on the clock, listed like any other.
 */
export interface ForeignStart {
  by: 'teammate' | 'schedule';
  /** Merged over the agent's declared defaults, as a start body's are. */
  inputParameters?: Record<string, unknown>;
  parallelism?: number;
  parallelMaxConcurrency?: number;
  parallelExport?: 'Combined' | 'Separated';
}

/** A foreign start tied to a fault rule on `POST agent/{id}/start`: created right before or right after the request is handled. */
export interface ForeignStartOnRequest extends ForeignStart {
  when: 'before' | 'after';
}

/** Creates the foreign run now. Not counted in runsCreatedPerAgent (that counts POST starts). */
export function startForeignRun(sim: SimContext, agentId: number, start: ForeignStart): SimRun {
  const agent = sim.store.agents.get(agentId);
  if (!agent) throw new Error(`No agent ${agentId}`);
  const run = sim.store.createRun(agent, {
    inputParameters: { ...agent.inputParameters, ...(start.inputParameters ?? {}) },
    parallelism: start.parallelism,
    parallelMaxConcurrency: start.parallelMaxConcurrency,
    parallelExport: start.parallelExport,
  });
  run.startedBy = start.by;
  return run;
}
