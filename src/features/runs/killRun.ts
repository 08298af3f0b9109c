import type { Run } from '../../core/api/model';
import type { RunCommandDeps } from './runDeps';
import { stopOrKillRun } from './stopOrKillRun';

/** `sequentum.killRun`: force-stop for runs that do not respond to Stop; same targets as stopRun. */
export function killRun(deps: RunCommandDeps, arg?: unknown): Promise<Run | undefined> {
  return stopOrKillRun(deps, 'kill', arg);
}
