import type { SequentumApi } from '../../core/api/sequentumApi';
import { CommandId } from '../../core/commandIds';
import { DisposableStore } from '../../core/lifecycle';
import { WatchList } from '../../core/runs/watchList';
import { handlerOnFirstCall, registerCommands, type CommandContext, type CommandTable } from '../../platform/commandRegistry';
import type { VscodePlatform } from '../../platform/vscodePlatform';
import type { WatchCommandDeps } from './watchCommands';

const setWatched = handlerOnFirstCall(async () => (await import('./watchCommands.js')).setWatched);

const WATCH_COMMANDS: CommandTable<WatchCommandDeps & CommandContext> = {
  [CommandId.watchAgent]: (deps, arg) => setWatched(deps, true, arg),
  [CommandId.unwatchAgent]: (deps, arg) => setWatched(deps, false, arg),
};

/**
 * The watch list (per environment, in the profile's global state) and Watch / Unwatch Agent. Built
 * before the Agents view, which stars watched agents; the activity feature polls for them.
 */
export class WatchFeature extends DisposableStore {
  readonly list: WatchList;
  /** The list as the Agents view reads it. */
  readonly agents: { has(envId: string, agentId: number): boolean; onDidChange(listener: () => void): { dispose(): unknown } };

  constructor(platform: VscodePlatform, commandContext: CommandContext, api: (envId?: string) => Promise<SequentumApi>) {
    super();
    const list = (this.list = this.register(new WatchList(platform.context.globalState)));
    this.agents = { has: (envId, agentId) => list.has(envId, agentId), onDidChange: (listener) => list.onDidChange(() => listener()) };
    this.register(registerCommands(WATCH_COMMANDS, { ...commandContext, watch: { list, api } }));
  }
}
