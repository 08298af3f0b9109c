import { DEFAULT_ENVIRONMENT_ID } from '../../core/environments/defaultEnvironment';
import { schedulePath } from '../../core/schedules/scheduleFiles';
import { choosePaletteEnvironment } from '../../core/targets/chooseEnvironment';
import { pickAgent } from '../../core/targets/pickAgent';
import { asKind } from '../../core/targets/treeTargets';
import { l10n } from '../../core/text/l10n';
import { forIconLabel } from '../../core/text/sinks';
import type { ScheduleCommandDeps } from './scheduleDeps';
import { resolveScheduleTarget } from './scheduleTarget';

/** What opening a schedule document needs besides the schedule commands' ports. */
export interface ScheduleDocumentDeps extends ScheduleCommandDeps {
  /** Opens (or shows) the `sequentum:` document at `path` in an editor. */
  openDocument(path: string): Promise<void>;
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/**
 * `sequentum.editSchedule`: the schedule's document (S3 when it opens). From a schedule row, a
 * `{agentId, scheduleId, envId?}` argument, or the palette (agent, then schedule). Returns its path.
 */
export async function editSchedule(deps: ScheduleDocumentDeps, arg?: unknown): Promise<string | undefined> {
  const target = await resolveScheduleTarget(deps, arg, forIconLabel(l10n.t('Edit Schedule')), () => true);
  if (!target) return undefined;
  const path = schedulePath(target.envId, target.agentId, target.schedule.id);
  await deps.openDocument(path);
  return path;
}

/**
 * `sequentum.newSchedule`: the agent's `new.json` document; saving it creates the schedule. From an
 * agent row, a `{agentId, envId?}` argument, or the palette (environment, agent). Returns its path.
 */
export async function newSchedule(deps: ScheduleDocumentDeps, arg?: unknown): Promise<string | undefined> {
  const node = asKind(arg, 'agent');
  const plain = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>) : undefined;
  let where: { envId: string; agentId: number } | undefined;
  if (node) where = { envId: node.envId, agentId: node.agent.id };
  else if (plain && isId(plain.agentId)) where = { envId: typeof plain.envId === 'string' ? plain.envId : DEFAULT_ENVIRONMENT_ID, agentId: plain.agentId };
  else {
    const title = forIconLabel(l10n.t('New Schedule'));
    const chosen = await choosePaletteEnvironment(deps, title);
    if (!chosen) return undefined;
    const agent = await pickAgent(deps, await deps.tree.api(chosen.envId), { title });
    if (!agent) return undefined;
    where = { envId: chosen.envId ?? DEFAULT_ENVIRONMENT_ID, agentId: agent.id };
  }
  const path = schedulePath(where.envId, where.agentId, 'new');
  await deps.openDocument(path);
  return path;
}
