import type { Agent, Run, StartRunOptions } from '../api/model';
import type { RunRef } from './runTracker';

/** The agent a start command acts on, taken from whatever argument VS Code handed the command. */
export interface AgentTarget {
  /** The environment of the tree node (or `{envId}`) it came from; undefined = the default one. */
  envId?: string;
  agentId: number;
  agentName?: string;
  /** Declared input parameters, when the argument carried the agent. */
  agent?: Agent;
  /** Start options given by the caller (run-config CodeLens); skips the parameters prompt. */
  options?: StartRunOptions;
}

/** The run a stop/kill command acts on. */
export interface RunTarget extends RunRef {
  /** As for AgentTarget. */
  envId?: string;
  agentName?: string;
  run?: Run;
  /** `confirm: false` in the argument: a script or test already asked; no modal. Default true. */
  confirm: boolean;
}

type Loose = Record<string, unknown>;

function isObject(value: unknown): value is Loose {
  return value !== null && typeof value === 'object';
}

function isAgent(value: unknown): value is Agent {
  return isObject(value) && typeof value.id === 'number' && typeof value.name === 'string' && 'lastStatus' in value;
}

function isRun(value: unknown): value is Run {
  return isObject(value) && typeof value.id === 'number' && typeof value.agentId === 'number' && typeof value.status === 'number';
}

function optionsOf(value: unknown): StartRunOptions | undefined {
  return isObject(value) && !Array.isArray(value) ? value : undefined;
}

/**
 * Reads the agent from a command argument: `{agentId}` (CodeLens, scripts, with optional
 * `options`/`agentName`), a tree node with `agent`, or an Agent itself. `extraOptions` is a second
 * argument holding StartRunOptions. Undefined when the argument names no agent (palette).
 */
export function agentTargetOf(arg: unknown, extraOptions?: unknown): AgentTarget | undefined {
  const target = agentTargetIn(arg, extraOptions);
  return target && isObject(arg) && typeof arg.envId === 'string' ? { ...target, envId: arg.envId } : target;
}

function agentTargetIn(arg: unknown, extraOptions?: unknown): AgentTarget | undefined {
  if (!isObject(arg)) return undefined;
  const options = optionsOf(arg.options) ?? optionsOf(extraOptions);
  if (isAgent(arg.agent)) return { agentId: arg.agent.id, agentName: arg.agent.name, agent: arg.agent, options };
  if (typeof arg.agentId === 'number' && Number.isSafeInteger(arg.agentId)) {
    const agentName = typeof arg.agentName === 'string' ? arg.agentName : undefined;
    return { agentId: arg.agentId, agentName, options };
  }
  if (isAgent(arg)) return { agentId: arg.id, agentName: arg.name, agent: arg, options };
  return undefined;
}

/**
 * Reads the run from a command argument: `{agentId, runId}`, a tree node with `run`, or a Run.
 * Undefined when the argument names no run (palette).
 */
export function runTargetOf(arg: unknown): RunTarget | undefined {
  const target = runTargetIn(arg);
  return target && isObject(arg) && typeof arg.envId === 'string' ? { ...target, envId: arg.envId } : target;
}

function runTargetIn(arg: unknown): RunTarget | undefined {
  if (!isObject(arg)) return undefined;
  const agentName = typeof arg.agentName === 'string' ? arg.agentName : undefined;
  const confirm = arg.confirm !== false;
  if (isRun(arg.run)) return { agentId: arg.run.agentId, runId: arg.run.id, run: arg.run, agentName: agentName ?? arg.run.agentName, confirm };
  if (typeof arg.agentId === 'number' && typeof arg.runId === 'number') return { agentId: arg.agentId, runId: arg.runId, agentName, confirm };
  if (isRun(arg)) return { agentId: arg.agentId, runId: arg.id, run: arg, agentName: arg.agentName, confirm };
  return undefined;
}
