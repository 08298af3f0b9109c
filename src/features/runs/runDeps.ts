import { unknownEnvironmentError } from '../../core/environments/environmentRegistry';
import type { SequentumApi } from '../../core/api/sequentumApi';
import type { FailureContext } from '../../core/errors/failureNotification';
import type { Logger } from '../../core/log';
import type { RunConfigProblemSink } from '../../core/runConfig/runConfigSource';
import type { RecentAgents } from '../../core/runs/recentAgents';
import type { RunStarter } from '../../core/runs/runStarter';
import type { RunRef, RunTracker } from '../../core/runs/runTracker';
import type { UserInterface } from '../../core/ui';
import type { PaletteEnvironmentDeps } from '../../core/targets/chooseEnvironment';

/** What the run commands (start, stop, kill, runs in flight) need, as ports. */
export interface RunsDeps {
  /** The current client; rejects with NoApiKeyError when no key is known. */
  api(): Promise<SequentumApi>;
  /** The environment's starter (duplicate check, single flight, reconciliation), imported on the first start. */
  starter(): Promise<RunStarter>;
  tracker: RunTracker;
  /** Asks the poller for a prompt status read (after stop/kill). */
  pollSoon(ref: RunRef): void;
  recentAgents: RecentAgents;
  /** Opens a run in the dashboard (the Agents view's command, in-process). */
  openInDashboard(ref: RunRef & { envId?: string }): Promise<void>;
  /** Shows an existing run ("Open existing run"): reveals it in the tree, else opens the dashboard. */
  showRun(ref: RunRef): Promise<void>;
  /**
   * Shows a failed action as the one standard failure notification (describeFailure's message and
   * buttons); resolves true when the user chose Retry.
   */
  showFailure(error: unknown, context?: FailureContext): Promise<boolean>;
  /**
   * The same deps on another environment's client, tracker and poller (a node of that
   * environment); the default deps for the default one; undefined for an id that is not configured
   * (never the default's: a stale node or a mistyped `envId` must not act on another server). Optional.
   */
  forEnvironment?(envId: string): RunsDeps | undefined;
  /** An agent's runs changed in a way the tracker cannot express (a run deleted): the tree lists them again. Optional. */
  runsChanged?(agentId: number): void;
  /** Told how a start from a run-config entry ended (diagnostics helper); optional. */
  runConfigProblems?: RunConfigProblemSink;
}

/** What the run commands receive (plain ports, so tests build only this). */
export interface RunCommandDeps extends PaletteEnvironmentDeps {
  ui: UserInterface;
  log: Logger;
  showLog(): void;
  runs: RunsDeps;
}

/**
 * The deps of the environment a target belongs to (tree nodes of another environment). An id
 * that names no configured environment is a ConfigurationError: the command stops before any
 * request instead of starting, stopping or killing on the default server.
 */
export function depsForEnvironment<D extends RunCommandDeps>(deps: D, envId: string | undefined): D {
  if (envId === undefined || !deps.runs.forEnvironment) return deps;
  const runs = deps.runs.forEnvironment(envId);
  if (!runs) throw unknownEnvironmentError(envId);
  return runs === deps.runs ? deps : { ...deps, runs };
}
