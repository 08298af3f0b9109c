import { CommandId } from '../../core/commandIds';
import type { SequentumApi } from '../../core/api/sequentumApi';
import { DisposableStore } from '../../core/lifecycle';
import type { TreeModel } from '../../core/tree/treeModel';
import { registerCommands, type CommandContext, type CommandTable } from '../../platform/commandRegistry';
import { deleteSchedule } from './deleteSchedule';
import type { ScheduleCommandDeps } from './scheduleDeps';
import { setScheduleEnabled } from './setScheduleEnabled';

/** Schedule commands: ID → handler (context menu on schedule rows, and the palette). */
const SCHEDULE_COMMANDS: CommandTable<ScheduleCommandDeps & CommandContext> = {
  [CommandId.enableSchedule]: (deps, arg) => setScheduleEnabled(deps, true, arg),
  [CommandId.disableSchedule]: (deps, arg) => setScheduleEnabled(deps, false, arg),
  [CommandId.deleteSchedule]: deleteSchedule,
};

/** Schedules: Enable / Disable / Delete Schedule on the tree's schedule rows and from the palette. */
export class SchedulesFeature extends DisposableStore {
  constructor(commandContext: CommandContext, model: TreeModel, api: (envId?: string) => Promise<SequentumApi>, locale: string) {
    super();
    this.register(registerCommands(SCHEDULE_COMMANDS, { ...commandContext, tree: { model, api, locale } }));
  }
}
