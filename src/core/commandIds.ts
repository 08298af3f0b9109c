/**
 * The one table of command ids. The palette/menu commands are exactly package.json's
 * `contributes.commands` (a unit test checks both directions, and that menus and links name only
 * these); the internal ones are invoked only by our own CodeLenses and quick fixes, never contributed.
 * No other file spells a command id.
 */
export const CommandId = {
  setApiKey: 'sequentum.setApiKey',
  clearApiKey: 'sequentum.clearApiKey',
  showLog: 'sequentum.showLog',
  refresh: 'sequentum.refresh',
  refreshAll: 'sequentum.refreshAll',
  filter: 'sequentum.filter',
  clearFilter: 'sequentum.clearFilter',
  loadMore: 'sequentum.loadMore',
  openFile: 'sequentum.openFile',
  showRunDiagnostics: 'sequentum.showRunDiagnostics',
  openInDashboard: 'sequentum.openInDashboard',
  revealRun: 'sequentum.revealRun',
  startRun: 'sequentum.startRun',
  stopRun: 'sequentum.stopRun',
  killRun: 'sequentum.killRun',
  showRunsInFlight: 'sequentum.showRunsInFlight',
  enableSchedule: 'sequentum.enableSchedule',
  disableSchedule: 'sequentum.disableSchedule',
  deleteSchedule: 'sequentum.deleteSchedule',
  newSchedule: 'sequentum.newSchedule',
  editSchedule: 'sequentum.editSchedule',
  showAgentInsights: 'sequentum.showAgentInsights',
  revealAgent: 'sequentum.revealAgent',
  watchAgent: 'sequentum.watchAgent',
  unwatchAgent: 'sequentum.unwatchAgent',
  refreshUpcoming: 'sequentum.refreshUpcoming',
  refreshRecentRuns: 'sequentum.refreshRecentRuns',
  openLog: 'sequentum.openLog',
  runAgain: 'sequentum.runAgain',
  deleteRun: 'sequentum.deleteRun',
  runAllInSpace: 'sequentum.runAllInSpace',
  restoreVersion: 'sequentum.restoreVersion',
  showSpending: 'sequentum.showSpending',
  saveFileAs: 'sequentum.saveFileAs',
  downloadAllFiles: 'sequentum.downloadAllFiles',
  /** The run-config CodeLens "Open run" (internal). */
  openRunFromCodeLens: 'sequentum.runConfig.openRun',
  /** The run-config quick fix "Pick another agent…" (internal). */
  pickAgentForEntry: 'sequentum.runConfig.pickAgent',
} as const;

export type CommandId = (typeof CommandId)[keyof typeof CommandId];

/** Commands registered for our own UI only (not in `contributes.commands`, not in the palette). */
export const INTERNAL_COMMAND_IDS: ReadonlySet<CommandId> = new Set([CommandId.openRunFromCodeLens, CommandId.pickAgentForEntry]);
