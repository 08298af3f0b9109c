import type { Run } from '../../core/api/model';
import type { RunCommandDeps } from './runDeps';
import { stopOrKillRun } from './stopOrKillRun';

/** `sequentum.stopRun`: a tree run node or `{agentId, runId}`; from the palette, a pick of runs in flight. */
export function stopRun(deps: RunCommandDeps, arg?: unknown): Promise<Run | undefined> {
  return stopOrKillRun(deps, 'stop', arg);
}
