import * as vscode from 'vscode';
import { SequentumError } from '../core/api/errors';
import { showFailure } from '../diagnostics/failureNotifier';
import { clearApiKey } from './clearApiKey';
import { clearFilter } from './clearFilter';
import type { CommandDeps } from './deps';
import { filter } from './filter';
import { killRun } from './killRun';
import { loadMore } from './loadMore';
import { openFile } from './openFile';
import { openInDashboard } from './openInDashboard';
import { refresh, refreshAll } from './refresh';
import { revealRun } from './revealRun';
import { setApiKey } from './setApiKey';
import { showRunDiagnostics } from './showRunDiagnostics';
import { showRunsInFlight } from './showRunsInFlight';
import { startRun } from './startRun';
import { stopRun } from './stopRun';

type Handler = (deps: CommandDeps, ...args: unknown[]) => unknown;

/** One ID → handler table: the only place command ids meet their implementations. */
const COMMANDS: Record<string, Handler> = {
  'sequentum.setApiKey': setApiKey,
  'sequentum.clearApiKey': clearApiKey,
  'sequentum.showLog': (deps) => deps.showLog(),
  'sequentum.refresh': refresh,
  'sequentum.refreshAll': refreshAll,
  'sequentum.filter': filter,
  'sequentum.clearFilter': clearFilter,
  'sequentum.loadMore': loadMore,
  'sequentum.openFile': openFile,
  'sequentum.showRunDiagnostics': showRunDiagnostics,
  'sequentum.openInDashboard': openInDashboard,
  'sequentum.revealRun': revealRun,
  'sequentum.startRun': startRun,
  'sequentum.stopRun': stopRun,
  'sequentum.killRun': killRun,
  'sequentum.showRunsInFlight': showRunsInFlight,
};

/**
 * Every command runs through here: failures are logged once and shown as one notification;
 * a cancellation is silent.
 */
export async function runCommand(id: string, handler: Handler, deps: CommandDeps, args: unknown[]): Promise<unknown> {
  try {
    return await handler(deps, ...args);
  } catch (error) {
    if (SequentumError.is(error) && error.kind === 'cancelled') return undefined;
    if (error instanceof vscode.CancellationError) return undefined;
    deps.log.error(`Command ${id} failed`, error);
    // Message and buttons (Retry, Set API Key, Open Docs, Show Log, Copy Details) are decided in core.
    if (await showFailure(error, deps)) return runCommand(id, handler, deps, args);
    return undefined;
  }
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, handler]) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => runCommand(id, handler, deps, args)),
  );
}
