import { CommandId } from '../../core/commandIds';
import type { SequentumApi } from '../../core/api/sequentumApi';
import type { DocumentProblems } from '../../core/diagnostics/documentProblems';
import { DisposableStore } from '../../core/lifecycle';
import type { TreeModel } from '../../core/tree/treeModel';
import { registerCommands, type CommandContext, type CommandTable } from '../../platform/commandRegistry';
import { deleteSchedule } from './deleteSchedule';
import { editSchedule, newSchedule, type ScheduleDocumentDeps } from './openScheduleDocument';
import { ScheduleDocuments } from './scheduleDocuments';
import { setScheduleEnabled } from './setScheduleEnabled';

/** Schedule commands: ID → handler (context menu on agent and schedule rows, and the palette). */
const SCHEDULE_COMMANDS: CommandTable<ScheduleDocumentDeps & CommandContext> = {
  [CommandId.enableSchedule]: (deps, arg) => setScheduleEnabled(deps, true, arg),
  [CommandId.disableSchedule]: (deps, arg) => setScheduleEnabled(deps, false, arg),
  [CommandId.deleteSchedule]: deleteSchedule,
  [CommandId.newSchedule]: newSchedule,
  [CommandId.editSchedule]: editSchedule,
};

/**
 * Schedules: Enable / Disable / Delete Schedule on the tree's schedule rows and from the palette;
 * New / Edit Schedule open a schedule as a `sequentum:` document whose save writes it.
 */
export class SchedulesFeature extends DisposableStore {
  constructor(commandContext: CommandContext, model: TreeModel, api: (envId?: string) => Promise<SequentumApi>, locale: string, problems: DocumentProblems) {
    super();
    const documents = this.register(new ScheduleDocuments({ ui: commandContext.ui, log: commandContext.log, model, api, locale, problems }));
    this.register(registerCommands(SCHEDULE_COMMANDS, { ...commandContext, tree: { model, api, locale }, openDocument: documents.openDocument }));
  }
}
