import { ProblemError } from '../../core/api/errors';
import { describeSchedule } from '../../core/schedules/describeSchedule';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forNotification } from '../../core/text/sinks';
import { NodeId } from '../../core/tree/nodes';
import type { ScheduleCommandDeps } from './scheduleDeps';
import { resolveScheduleTarget } from './scheduleTarget';

/**
 * `sequentum.deleteSchedule`: asks first (modal; `confirm: false` in a plain `{agentId, scheduleId}`
 * argument skips it for scripts and tests, as Delete Run's does), then S5. DELETE is retried like a GET by the
 * client; a 404 therefore means "already gone" (maybe by our own lost first attempt) and counts as
 * done. The agent's list is read again afterwards.
 */
export async function deleteSchedule(deps: ScheduleCommandDeps, arg?: unknown): Promise<boolean> {
  const target = await resolveScheduleTarget(deps, arg, forIconLabel(l10n.t('Delete Schedule')), () => true);
  if (!target) return false;
  const { schedule } = target;
  const skipQuestion = typeof arg === 'object' && arg !== null && (arg as { confirm?: unknown }).confirm === false;
  if (!skipQuestion) {
    const button = l10n.t('Delete');
    const answer = await deps.ui.ask(
      forNotification(target.agentName ? l10n.t('Delete the schedule {0} of {1}?', schedule.name, target.agentName) : l10n.t('Delete the schedule {0}?', schedule.name)),
      { modal: true, severity: 'warning', detail: forNotification(l10n.t('It runs {0}. This cannot be undone.', describeSchedule(schedule, { locale: deps.tree.locale }))) },
      button,
    );
    if (answer !== button) return false;
  }
  const api = await deps.tree.api(target.apiEnvId);
  try {
    await deps.ui.withProgress(forNotification(l10n.t('Deleting {0}…', schedule.name)), () => api.deleteSchedule(target.agentId, schedule.id, { priority: 'user' }));
  } catch (error) {
    if (!(ProblemError.is(error) && error.status === 404)) throw error;
    deps.log.info(`Schedule ${schedule.id} of agent ${target.agentId} was already gone (404)`);
  }
  deps.log.info(`Schedule ${schedule.id} of agent ${target.agentId} deleted`);
  const agentNode = deps.tree.model.nodeById(NodeId.agent(target.envId, target.agentId));
  if (agentNode) deps.tree.model.refresh(agentNode);
  return true;
}
