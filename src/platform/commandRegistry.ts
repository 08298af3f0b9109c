import * as vscode from 'vscode';
import type { CommandId } from '../core/commandIds';
import type { ApiKeyStore } from '../core/credentials';
import type { Logger } from '../core/log';
import type { EnvironmentKeys } from '../core/targets/chooseEnvironment';
import type { UserInterface } from '../core/ui';
import { isCancellation, showFailure, type FailureNotifierDeps } from './failureNotifier';

/** A command handler: a plain function of its ports and the command's arguments. */
export type CommandHandler<D> = (deps: D, ...args: unknown[]) => unknown;

/** A feature's ID → handler table. */
export type CommandTable<D> = Readonly<Partial<Record<CommandId, CommandHandler<D>>>>;

/** What the one wrapper needs besides the handler's own ports: the log and the failure notification. */
export interface CommandWrapperDeps extends FailureNotifierDeps {
  log: Logger;
}

/**
 * What every command handler may rely on, whatever its feature: the UI, the log, the default key
 * store and the environments (the palette's "which environment?"), and what the wrapper needs.
 */
export interface CommandContext extends CommandWrapperDeps {
  ui: UserInterface;
  apiKeys: ApiKeyStore;
  environments: EnvironmentKeys;
}

/**
 * Every command runs through here: failures are logged once and shown as one notification;
 * a cancellation is silent.
 */
export async function runCommand<D extends CommandWrapperDeps>(id: CommandId, handler: CommandHandler<D>, deps: D, args: unknown[]): Promise<unknown> {
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

/**
 * A handler whose module is imported on its first call (`await import('./x.js')`: its own chunk of
 * the build, read and evaluated then, not at activation). A failed import is a failure of that call,
 * shown by the wrapper like any other (and tried again on the next call).
 */
export function handlerOnFirstCall<A extends unknown[], R>(load: () => Promise<(...args: A) => R>): (...args: A) => Promise<Awaited<R>> {
  return async (...args: A): Promise<Awaited<R>> => await (await load())(...args);
}

/**
 * A command as a port for another feature (a notification button, "Open existing run"): the same
 * handler through the same wrapper, called in-process rather than by id through VS Code.
 */
export function commandAction<D extends CommandWrapperDeps, A extends unknown[]>(id: CommandId, handler: (deps: D, ...args: A) => unknown, deps: D): (...args: A) => Promise<void> {
  return async (...args: A) => {
    await runCommand(id, handler as CommandHandler<D>, deps, args);
  };
}

/**
 * An action of a feature built on first use ({@link registerCommandsOnDemand}), as a port for another
 * feature (a notification button): the feature is built inside the same wrapper as `id`, so a build
 * that fails (its chunk could not be loaded) is one notification, not only a log line where the
 * button's caller catches it; the next click builds it again. The action itself is expected to be a {@link commandAction}.
 */
export function onDemandAction<F, A extends unknown[]>(id: CommandId, feature: { get(): Promise<F> }, action: (built: F) => (...args: A) => Promise<unknown>, deps: CommandWrapperDeps): (...args: A) => Promise<void> {
  return commandAction(id, async (_deps: CommandWrapperDeps, ...args: A) => action(await feature.get())(...args), deps);
}

/**
 * Ids registered at activation for a feature built on first use ({@link registerCommandsOnDemand}):
 * when the feature is built, its {@link registerCommands} puts its handler here instead of
 * registering the id a second time with VS Code.
 */
const onDemandHandlers = new Map<string, ((args: unknown[]) => Promise<unknown>) | undefined>();

/** Registers a feature's ID → handler table, every handler through {@link runCommand}. */
export function registerCommands<D extends CommandWrapperDeps>(table: CommandTable<D>, deps: D): vscode.Disposable {
  return vscode.Disposable.from(
    ...Object.entries(table).map(([id, handler]) => {
      const run = (args: unknown[]) => runCommand(id as CommandId, handler, deps, args);
      if (!onDemandHandlers.has(id)) return vscode.commands.registerCommand(id, (...args: unknown[]) => run(args));
      onDemandHandlers.set(id, run);
      return { dispose: () => onDemandHandlers.has(id) && onDemandHandlers.set(id, undefined) };
    }),
  );
}

/**
 * Registers a feature's command ids now and builds the feature on the first call of any of them
 * (through {@link runCommand}: a build that fails is one notification; the next call builds again). The feature's
 * own table, registered while it is built, then handles this call and every later one.
 */
export function registerCommandsOnDemand(ids: readonly CommandId[], feature: { get(): Promise<unknown> }, deps: CommandWrapperDeps): vscode.Disposable {
  const stub = (id: CommandId) => async (_deps: CommandWrapperDeps, ...args: unknown[]) => {
    await feature.get();
    const handler = onDemandHandlers.get(id);
    // A programming error (the id list and the feature's table disagree), named in the log.
    if (!handler) throw new Error(`Command ${id} was registered on demand, but its feature has no handler for it.`);
    return handler(args);
  };
  for (const id of ids) onDemandHandlers.set(id, undefined);
  return vscode.Disposable.from(
    ...ids.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => runCommand(id, stub(id), deps, args))),
    { dispose: () => ids.forEach((id) => onDemandHandlers.delete(id)) },
  );
}
