import { IN_FLIGHT_STATUSES, runStatusLabel } from '../../core/api/model';
import { agentLabel } from '../../core/runs/finishNotice';
import { repeatStartOptions } from '../../core/runs/repeatStart';
import type { StartOutcome } from '../../core/runs/runStarter';
import { runTargetOf } from '../../core/runs/runTargets';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forNotification } from '../../core/text/sinks';
import { commandEnvironment, pickFinishedRun } from './runCommandTarget';
import type { RunCommandDeps } from './runDeps';
import { startAgent } from './startAgent';

/**
 * `sequentum.runAgain` on a finished run (tree, finish notification, palette): the same agent with
 * that run's input parameters and start options, read fresh from the server (R3), through the one
 * start path — duplicate-run check, single flight, reconciliation — never a POST of its own.
 */
export async function runAgain(commandDeps: RunCommandDeps, arg?: unknown): Promise<StartOutcome> {
  const title = forIconLabel(l10n.t('Sequentum: Run Again'));
  const target = runTargetOf(arg);
  const environment = await commandEnvironment(commandDeps, target, title);
  if (!environment) return { kind: 'cancelled' };
  const { envId, deps, api } = environment;
  const ref = target ?? (await pickFinishedRun(environment, title));
  if (!ref) return { kind: 'cancelled' };
  const { agentId, runId } = ref;
  // Fresh: a tree row or a notification may hold a run read before it had all its options.
  const read = await deps.ui.withProgress(forNotification(l10n.t('Reading run #{0}…', runId)), () => api.getRunStatus(agentId, runId, { priority: 'user' }));
  const run = ref.agentName && !read.agentName ? { ...read, agentName: ref.agentName } : read;
  if (IN_FLIGHT_STATUSES.has(run.status)) {
    void deps.ui.info(forNotification(l10n.t('{0}: run #{1} is still in flight ({2}); Run Again repeats a finished run.', agentLabel(run), run.id, runStatusLabel(run.status, run.statusName))));
    return { kind: 'cancelled' };
  }
  const { options, unreported } = repeatStartOptions(run);
  if (unreported.length > 0) deps.log.info(`Run Again of run ${run.id}: the server does not report ${unreported.join(', ')}; the agent's defaults apply`);
  return startAgent(deps, { ...(envId !== undefined ? { envId } : {}), agentId: run.agentId, agentName: agentLabel(run), options });
}
