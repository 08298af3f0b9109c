import { ProblemError } from '../../core/api/errors';
import type { SequentumApi } from '../../core/api/sequentumApi';
import { IN_FLIGHT_STATUSES, runStatusLabel, type Run } from '../../core/api/model';
import { agentLabel } from '../../core/runs/finishNotice';
import { runTargetOf } from '../../core/runs/runTargets';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forNotification } from '../../core/text/sinks';
import { commandEnvironment, pickFinishedRun } from './runCommandTarget';
import type { RunCommandDeps } from './runDeps';

/**
 * R7; true when the run was already gone. The client repeats a DELETE whose answer was lost
 * (idempotent), so a 404 may be our own first attempt's success: it counts as deleted.
 */
async function deleteOrFindGone(api: SequentumApi, run: Run): Promise<boolean> {
  try {
    await api.deleteRun(run.agentId, run.id, 'RemoveEntireRun', { priority: 'user' });
    return false;
  } catch (error) {
    if (ProblemError.is(error) && error.status === 404) return true;
    throw error;
  }
}

/**
 * `sequentum.deleteRun` on a finished run: asks first (modal; `confirm: false` in the argument skips
 * it for scripts and tests), then R7 with RemoveEntireRun — the record and all its files. A run in
 * flight is refused before any request is sent, with what to do instead. Returns the deleted run.
 */
export async function deleteRun(commandDeps: RunCommandDeps, arg?: unknown): Promise<Run | undefined> {
  const title = forIconLabel(l10n.t('Sequentum: Delete Run'));
  const target = runTargetOf(arg);
  const environment = await commandEnvironment(commandDeps, target, title);
  if (!environment) return undefined;
  const { deps, api } = environment;
  const ref = target ?? (await pickFinishedRun(environment, title));
  if (!ref) return undefined;
  const read = await api.getRunStatus(ref.agentId, ref.runId, { priority: 'user' });
  const run = ref.agentName && !read.agentName ? { ...read, agentName: ref.agentName } : read;
  const name = agentLabel(run);
  if (IN_FLIGHT_STATUSES.has(run.status)) {
    void deps.ui.warn(forNotification(l10n.t('{0}: run #{1} is still in flight ({2}). Stop it first; a run in flight cannot be deleted.', name, run.id, runStatusLabel(run.status, run.statusName))));
    return undefined;
  }
  if (ref.confirm) {
    const button = l10n.t('Delete Run');
    const answer = await deps.ui.ask(
      forNotification(l10n.t('Delete {0}: run #{1}?', name, run.id)),
      { modal: true, severity: 'warning', detail: forNotification(l10n.t('Its record and all its output files are removed from Sequentum. This cannot be undone.'), { multiline: true }) },
      button,
    );
    if (answer !== button) return undefined;
  }
  const gone = await deps.ui.withProgress(forNotification(l10n.t('Deleting {0}: run #{1}…', name, run.id)), () => deleteOrFindGone(api, run));
  deps.log.info(gone ? `Run ${run.id} of agent ${run.agentId} was already gone (404)` : `Deleted run ${run.id} of agent ${run.agentId}`);
  deps.runs.runsChanged?.(run.agentId);
  void deps.ui.info(forNotification(l10n.t('Deleted {0}: run #{1}.', name, run.id)));
  return run;
}
