import * as vscode from 'vscode';
import type { Logger } from '../core/log';
import { isCancellation, showFailure, type FailureNotifierDeps } from './failureNotifier';

/** A command handler: a plain function of its ports and the command's arguments. */
export type CommandHandler<D> = (deps: D, ...args: unknown[]) => unknown;

/** What the one wrapper needs besides the handler's own ports: the log and the failure notification. */
export interface CommandWrapperDeps extends FailureNotifierDeps {
  log: Logger;
}

/**
 * Every command runs through here: failures are logged once and shown as one notification;
 * a cancellation is silent.
 */
export async function runCommand<D extends CommandWrapperDeps>(id: string, handler: CommandHandler<D>, deps: D, args: unknown[]): Promise<unknown> {
  try {
    return await handler(deps, ...args);
  } catch (error) {
    if (isCancellation(error)) return undefined;
    deps.log.error(`Command ${id} failed`, error);
    // Message and buttons (Retry, Set API Key, Open Docs, Show Log, Copy Details) are decided in core.
    if (await showFailure(error, deps)) return runCommand(id, handler, deps, args);
    return undefined;
  }
}

/** Registers a feature's ID → handler table, every handler through {@link runCommand}. */
export function registerCommands<D extends CommandWrapperDeps>(table: Readonly<Record<string, CommandHandler<D>>>, deps: D): vscode.Disposable[] {
  return Object.entries(table).map(([id, handler]) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => runCommand(id, handler, deps, args)),
  );
}
