import { CommandId } from '../../core/commandIds';
import { DisposableStore } from '../../core/lifecycle';
import { registerCommands, type CommandContext, type CommandTable } from '../../platform/commandRegistry';
import { restoreVersion, type VersionCommandDeps } from './restoreVersion';

const VERSION_COMMANDS: CommandTable<VersionCommandDeps & CommandContext> = {
  [CommandId.restoreVersion]: restoreVersion,
};

/** Agent versions: Restore Version (its versions to pick from, a comment, a new version). */
export class VersionsFeature extends DisposableStore {
  constructor(commandContext: CommandContext, tree: VersionCommandDeps['tree']) {
    super();
    this.register(registerCommands(VERSION_COMMANDS, { ...commandContext, tree }));
  }
}
