import type { SequentumApi } from '../../core/api/sequentumApi';
import { CommandId } from '../../core/commandIds';
import { DisposableStore } from '../../core/lifecycle';
import { registerCommands, type CommandContext, type CommandTable } from '../../platform/commandRegistry';
import { showFailure } from '../../platform/failureNotifier';
import type { VscodePlatform } from '../../platform/vscodePlatform';
import { downloadRunFiles } from './downloadRunFiles';
import type { RunFilesDeps } from './runFilesDeps';
import { saveFileAs } from './saveFileAs';

const RUN_FILES_COMMANDS: CommandTable<RunFilesDeps & CommandContext> = {
  [CommandId.saveFileAs]: saveFileAs,
  [CommandId.downloadAllFiles]: downloadRunFiles,
};

/** A run's output files saved to disk: Save As (one file, the save dialog) and Download All (a folder). */
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
