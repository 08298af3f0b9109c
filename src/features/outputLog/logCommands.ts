import type { CommandHandler } from '../../platform/commandRegistry';

/** What Show Log needs: the output channel's reveal. */
export interface LogCommandDeps {
  /** Reveals the log output channel. */
  showLog(): void;
}

/** The log commands: ID → handler. */
export const LOG_COMMANDS: Readonly<Record<string, CommandHandler<LogCommandDeps>>> = {
  'sequentum.showLog': (deps) => deps.showLog(),
};
