import type { SequentumApi } from '../../core/api/sequentumApi';
import { CommandId } from '../../core/commandIds';
import { DisposableStore } from '../../core/lifecycle';
import { handlerOnFirstCall, registerCommands, type CommandContext, type CommandTable } from '../../platform/commandRegistry';
import { showFailure } from '../../platform/failureNotifier';
import type { VscodePlatform } from '../../platform/vscodePlatform';
import type { RunFilesDeps } from './runFilesDeps';

const RUN_FILES_COMMANDS: CommandTable<RunFilesDeps & CommandContext> = {
  [CommandId.saveFileAs]: handlerOnFirstCall(async () => (await import('./saveFileAs.js')).saveFileAs),
  [CommandId.downloadAllFiles]: handlerOnFirstCall(async () => (await import('./downloadRunFiles.js')).downloadRunFiles),
};

/** A run's output files saved to disk: Save As (one file, the save dialog) and Download All (a folder); each handler's module loads on its first call. */
export class RunFilesFeature extends DisposableStore {
  constructor(platform: VscodePlatform, commandContext: CommandContext, api: (envId?: string) => Promise<SequentumApi>) {
    super();
    const deps: RunFilesDeps & CommandContext = {
      ...commandContext,
      tree: { api, workbench: platform.workbench, locale: platform.locale },
      showFailure: (error, context) => showFailure(error, commandContext, context),
    };
    this.register(registerCommands(RUN_FILES_COMMANDS, deps));
  }
}
