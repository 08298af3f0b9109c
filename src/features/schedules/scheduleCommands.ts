import { CommandId } from '../../core/commandIds';
import type { SequentumApi } from '../../core/api/sequentumApi';
import type { DocumentProblems } from '../../core/diagnostics/documentProblems';
import { DisposableStore } from '../../core/lifecycle';
import type { TreeModel } from '../../core/tree/treeModel';
import { handlerOnFirstCall, registerCommands, type CommandContext, type CommandTable } from '../../platform/commandRegistry';
import type { ScheduleDocumentDeps } from './openScheduleDocument';
import { ScheduleDocuments } from './scheduleDocuments';

const setScheduleEnabled = handlerOnFirstCall(async () => (await import('./setScheduleEnabled.js')).setScheduleEnabled);

/** Schedule commands: ID → handler (context menu on agent and schedule rows, and the palette); each module loads on its first call. */
const SCHEDULE_COMMANDS: CommandTable<ScheduleDocumentDeps & CommandContext> = {
  [CommandId.enableSchedule]: (deps, arg) => setScheduleEnabled(deps, true, arg),
  [CommandId.disableSchedule]: (deps, arg) => setScheduleEnabled(deps, false, arg),
  [CommandId.deleteSchedule]: handlerOnFirstCall(async () => (await import('./deleteSchedule.js')).deleteSchedule),
  [CommandId.newSchedule]: handlerOnFirstCall(async () => (await import('./openScheduleDocument.js')).newSchedule),
  [CommandId.editSchedule]: handlerOnFirstCall(async () => (await import('./openScheduleDocument.js')).editSchedule),
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
