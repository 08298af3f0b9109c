import type { Schedule } from '../../core/api/scheduleModel';
import { DEFAULT_ENVIRONMENT_ID } from '../../core/environments/defaultEnvironment';
import { describeSchedule } from '../../core/schedules/describeSchedule';
import { choosePaletteEnvironment } from '../../core/targets/chooseEnvironment';
import { pickAgent } from '../../core/targets/pickAgent';
import { pickFromList } from '../../core/targets/pickFromList';
import { asKind } from '../../core/targets/treeTargets';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forNotification, forPlain, type IconLabelText } from '../../core/text/sinks';
import type { ScheduleCommandDeps } from './scheduleDeps';

/** The schedule a command acts on, and where it is shown in the tree. */
export interface ScheduleTarget {
  /** The tree's environment id (the default one when the palette chose none). */
  envId: string;
  /** The client's environment: undefined = the default one. */
  apiEnvId?: string;
  agentId: number;
  agentName: string;
  schedule: Schedule;
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * The target of a schedule command: a schedule node (context menu), `{agentId, scheduleId, envId?}`
 * (scripts; read with S3), or — from the palette — an agent, then one of its schedules that
 * `keep` accepts. Undefined when a pick is dismissed or there is nothing to pick.
 */
export async function resolveScheduleTarget(deps: ScheduleCommandDeps, arg: unknown, title: IconLabelText, keep: (schedule: Schedule) => boolean): Promise<ScheduleTarget | undefined> {
  const node = asKind(arg, 'schedule');
  if (node) return { envId: node.envId, apiEnvId: node.envId, agentId: node.agentId, agentName: node.agentName, schedule: node.schedule };
  const plain = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>) : undefined;
  if (plain && isId(plain.agentId) && isId(plain.scheduleId)) {
    const envId = typeof plain.envId === 'string' ? plain.envId : undefined;
    const schedule = await (await deps.tree.api(envId)).getSchedule(plain.agentId, plain.scheduleId, { priority: 'user' });
    return { envId: envId ?? DEFAULT_ENVIRONMENT_ID, apiEnvId: envId, agentId: plain.agentId, agentName: typeof plain.agentName === 'string' ? plain.agentName : '', schedule };
  }
  const chosen = await choosePaletteEnvironment(deps, title);
  if (!chosen) return undefined;
  const api = await deps.tree.api(chosen.envId);
  const agent = await pickAgent(deps, api, { title });
  if (!agent) return undefined;
  const schedule = await pickFromList(deps.ui, {
    title,
    loading: forPlain(l10n.t('Loading schedules…')),
    placeholder: forPlain(l10n.t('Schedule of {0}', agent.name)),
    matchOnDescription: true,
    read: async (signal) => (await api.listSchedules(agent.id, { priority: 'user', signal })).filter(keep).sort((a, b) => a.name.localeCompare(b.name)),
    item: (candidate) => ({
      label: forIconLabel(candidate.name) || forIconLabel(l10n.t('Schedule {0}', candidate.id)),
      description: forIconLabel(describeForPick(candidate, deps.tree.locale)),
      value: candidate,
    }),
    empty: forNotification(l10n.t('{0} has no schedule this applies to.', agent.name)),
  });
  return schedule ? { envId: chosen.envId ?? DEFAULT_ENVIRONMENT_ID, apiEnvId: chosen.envId, agentId: agent.id, agentName: agent.name, schedule } : undefined;
}

/** A schedule in words for its pick item, "paused · …" when it is disabled. */
function describeForPick(schedule: Schedule, locale: string | undefined): string {
  const words = describeSchedule(schedule, { locale });
  return schedule.isEnabled ? words : l10n.t('paused · {0}', words);
}
