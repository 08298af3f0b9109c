import type { CommandHandler } from '../../platform/commandRegistry';
import { showRunDiagnostics, type WhyFailedDeps } from './showRunDiagnostics';

/** "Why did it fail?": ID → handler. */
export const FAILURE_COMMANDS: Readonly<Record<string, CommandHandler<WhyFailedDeps>>> = {
  'sequentum.showRunDiagnostics': showRunDiagnostics,
};
