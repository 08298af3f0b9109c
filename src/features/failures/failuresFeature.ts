import { CommandId } from '../../core/commandIds';
import type { SequentumApi } from '../../core/api/sequentumApi';
import { DisposableStore } from '../../core/lifecycle';
import { commandAction, registerCommands, type CommandContext, type CommandTable } from '../../platform/commandRegistry';
import type { VscodePlatform } from '../../platform/vscodePlatform';
import type { RunHealth } from '../../core/health/runHealth';
import { showRunDiagnostics, type WhyFailedDeps } from './showRunDiagnostics';

const FAILURE_COMMANDS: CommandTable<WhyFailedDeps & CommandContext> = {
  [CommandId.showRunDiagnostics]: showRunDiagnostics,
};

/** "Why did it fail?": a failed run's analytics as a read-only Markdown document. */
export class FailuresFeature extends DisposableStore {
  /** The same command as a port (the run-finished notification's button). */
  readonly whyDidItFail: (ref: { agentId: number; runId: number; envId?: string }) => Promise<void>;

  constructor(
    platform: VscodePlatform,
    commandContext: CommandContext,
    api: (envId?: string) => Promise<SequentumApi>,
    health?: (envId: string | undefined, agentId: number, runId: number) => Promise<RunHealth | undefined>,
  ) {
    super();
    const deps: WhyFailedDeps & CommandContext = { ...commandContext, tree: { api, workbench: platform.workbench, locale: platform.locale, ...(health ? { health } : {}) } };
    this.register(registerCommands(FAILURE_COMMANDS, deps));
    this.whyDidItFail = commandAction(CommandId.showRunDiagnostics, showRunDiagnostics, deps);
  }
}
