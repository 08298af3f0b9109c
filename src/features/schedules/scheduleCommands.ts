import type { CommandHandler } from '../../platform/commandRegistry';
import { deleteSchedule } from './deleteSchedule';
import type { ScheduleCommandDeps } from './scheduleDeps';
import { setScheduleEnabled } from './setScheduleEnabled';

/** Schedule commands: ID → handler (context menu on schedule rows, and the palette). */
export const SCHEDULE_COMMANDS: Readonly<Record<string, CommandHandler<ScheduleCommandDeps>>> = {
  'sequentum.enableSchedule': (deps, arg) => setScheduleEnabled(deps, true, arg),
  'sequentum.disableSchedule': (deps, arg) => setScheduleEnabled(deps, false, arg),
  'sequentum.deleteSchedule': deleteSchedule,
};
