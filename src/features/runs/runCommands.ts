import type { CommandHandler } from '../../platform/commandRegistry';
import { killRun } from './killRun';
import type { RunCommandDeps } from './runDeps';
import { showRunsInFlight } from './showRunsInFlight';
import { startRun } from './startRun';
import { stopRun } from './stopRun';

/** The run commands: ID → handler. */
export const RUN_COMMANDS: Readonly<Record<string, CommandHandler<RunCommandDeps>>> = {
  'sequentum.startRun': startRun,
  'sequentum.stopRun': stopRun,
  'sequentum.killRun': killRun,
  'sequentum.showRunsInFlight': showRunsInFlight,
};
