import type { CommandHandler } from '../../platform/commandRegistry';
import { clearFilter } from './clearFilter';
import { filter } from './filter';
import { loadMore } from './loadMore';
import { openFile } from './openFile';
import { openInDashboard } from './openInDashboard';
import { refresh, refreshAll } from './refresh';
import { revealRun } from './revealRun';
import type { TreeCommandDeps } from './treeDeps';

/** The Agents view's commands: ID → handler. */
export const AGENTS_TREE_COMMANDS: Readonly<Record<string, CommandHandler<TreeCommandDeps>>> = {
  'sequentum.refresh': refresh,
  'sequentum.refreshAll': refreshAll,
  'sequentum.filter': filter,
  'sequentum.clearFilter': clearFilter,
  'sequentum.loadMore': loadMore,
  'sequentum.openFile': openFile,
  'sequentum.openInDashboard': openInDashboard,
  'sequentum.revealRun': revealRun,
};
