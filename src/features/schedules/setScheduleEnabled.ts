import { AmbiguousRequestError } from '../../core/api/errors';
import type { Schedule } from '../../core/api/scheduleModel';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forNotification } from '../../core/text/sinks';
import type { ScheduleCommandDeps } from './scheduleDeps';
import { resolveScheduleTarget, type ScheduleTarget } from './scheduleTarget';

/**
 * `sequentum.enableSchedule` / `sequentum.disableSchedule`. The row shows the new state at once;
 * the server's answer then replaces it (the schedule it sent back, or S3 when it sent none). A
 * failure puts the old state back and rethrows, so the one command wrapper says why. The POST is
 * never repeated: when its answer is lost, S3 tells whether it took effect.
 */
export async function setScheduleEnabled(deps: ScheduleCommandDeps, enabled: boolean, arg?: unknown): Promise<Schedule | undefined> {
  const title = forIconLabel(enabled ? l10n.t('Enable Schedule') : l10n.t('Disable Schedule'));
  const target = await resolveScheduleTarget(deps, arg, title, (schedule) => schedule.isEnabled !== enabled);
  if (!target) return undefined;
  if (target.schedule.isEnabled === enabled) {
    void deps.ui.info(forNotification(enabled ? l10n.t('{0} is already enabled.', target.schedule.name) : l10n.t('{0} is already paused.', target.schedule.name)));
    return target.schedule;
  }
  const { model } = deps.tree;
  const before = target.schedule;
  model.scheduleChanged(target.envId, { ...before, isEnabled: enabled }, enabled ? 'enabling' : 'disabling');
  try {
    const confirmed = await send(deps, target, enabled);
    model.scheduleChanged(target.envId, confirmed);
    deps.log.info(`Schedule ${before.id} of agent ${target.agentId} ${enabled ? 'enabled' : 'disabled'}; server says isEnabled=${confirmed.isEnabled}`);
    if (confirmed.isEnabled !== enabled) {
      void deps.ui.warn(forNotification(l10n.t('The server still shows {0} as {1}.', before.name, confirmed.isEnabled ? l10n.t('enabled') : l10n.t('paused'))));
    }
    return confirmed;
  } catch (error) {
    model.scheduleChanged(target.envId, before);
    throw error;
  }
}

async function send(deps: ScheduleCommandDeps, target: ScheduleTarget, enabled: boolean): Promise<Schedule> {
  const api = await deps.tree.api(target.apiEnvId);
  const id = target.schedule.id;
  try {
    const answered = await api.setScheduleEnabled(target.agentId, id, enabled, { priority: 'user' });
    return answered ?? (await api.getSchedule(target.agentId, id, { priority: 'user' }));
  } catch (error) {
    if (!AmbiguousRequestError.is(error)) throw error;
    // The request may have been applied: read the schedule instead of sending the POST again.
    const current = await api.getSchedule(target.agentId, id, { priority: 'user' }).catch(() => undefined);
    if (current?.isEnabled === enabled) return current;
    throw error;
  }
}
