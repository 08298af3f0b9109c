import * as vscode from 'vscode';
import { CancelledError } from '../core/api/errors';
import type { ApiKeyStore } from '../core/credentials';
import { errorActionTitle } from '../core/errors/describeError';
import { describeFailure, NotificationGate, type FailureContext, type FailureNotification } from '../core/errors/failureNotification';
import { forNotification } from '../core/text/sinks';
import type { UserInterface } from '../core/ui';

export interface FailureNotifierDeps {
  ui: Pick<UserInterface, 'error' | 'warn'>;
  apiKeys: Pick<ApiKeyStore, 'get'>;
  /**
   * Every environment's key, redacted from what is shown as a last line of defence (errors are
   * already redacted where they are made, with the key of the environment that asked).
   */
  secrets?: () => Promise<readonly string[]>;
  showLog(): void;
  /** Runs Set API Key (the "Set API Key" button), through the command wrapper; `{envId}` names the environment. */
  setApiKey(arg?: unknown): Promise<unknown>;
}

/**
 * Shows ONE notification for a failed user action, with the buttons that fit (decided in core by
 * describeFailure), and carries out the chosen one. Resolves true when the user chose Retry.
 */
export async function showFailure(error: unknown, deps: FailureNotifierDeps, context?: FailureContext): Promise<boolean> {
  const notification = await describe(error, deps, context);
  if (!notification) return false;
  return act(notification, deps);
}

/**
 * Background failures (polling, prefetch): at most one notification per distinct cause until
 * {@link BackgroundFailureNotifier.cleared} is called for it (the next success).
 */
export class BackgroundFailureNotifier {
  private readonly gate = new NotificationGate();

  constructor(private readonly deps: FailureNotifierDeps) {}

  async failed(error: unknown, context?: FailureContext): Promise<void> {
    const notification = await describe(error, this.deps, context);
    if (!notification || !this.gate.shouldNotify(notification.causeKey)) return;
    // Retry makes no sense for work that retries by itself.
    await act({ ...notification, actions: notification.actions.filter((a) => a !== 'retry') }, this.deps);
  }

  /** The work succeeded again: its causes may notify again if they come back. */
  cleared(): void {
    this.gate.clear();
  }
}

/** A cancellation, ours (core's typed CancelledError) or VS Code's: the user asked for it, nothing to show. */
export function isCancellation(error: unknown): boolean {
  return CancelledError.is(error) || error instanceof vscode.CancellationError;
}

async function describe(error: unknown, deps: FailureNotifierDeps, context?: FailureContext): Promise<FailureNotification | undefined> {
  if (isCancellation(error)) return undefined;
  const [key, others] = await Promise.all([deps.apiKeys.get().catch(() => undefined), deps.secrets?.().catch(() => []) ?? []]);
  return describeFailure(error, [key?.key, ...others], context);
}

async function act(notification: FailureNotification, deps: FailureNotifierDeps): Promise<boolean> {
  const show = notification.severity === 'warning' ? deps.ui.warn : deps.ui.error;
  const labels = notification.actions.map(errorActionTitle);
  // The message carries server text (problem titles and details): neutralised for the notification.
  const chosen = await show.call(deps.ui, forNotification(notification.message), ...labels);
  const choice = notification.actions[labels.findIndex((label) => label === chosen)];
  switch (choice) {
    case 'retry':
      return true;
    case 'setApiKey':
      await deps.setApiKey();
      return false;
    case 'openDocs':
      if (notification.docsUrl) await vscode.env.openExternal(vscode.Uri.parse(notification.docsUrl, true));
      return false;
    case 'showLog':
      deps.showLog();
      return false;
    case 'copyDetails':
      await vscode.env.clipboard.writeText(notification.details);
      return false;
    default:
      return false;
  }
}
