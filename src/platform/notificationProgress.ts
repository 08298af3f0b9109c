import * as vscode from 'vscode';

/**
 * A progress notification whose task gets VS Code's reporter and an AbortSignal that fires on
 * Cancel. The one place both ports (the workbench's downloads, the UI's start) turn a cancellation
 * token into a signal; `abortReason` keeps each port's own reason (the workbench aborts with a
 * CancelledError its downloads rethrow, the UI port with the default AbortError).
 */
export function withNotificationProgress<T>(
  title: string,
  options: { cancellable: boolean; abortReason?: () => unknown },
  task: (progress: vscode.Progress<{ message?: string; increment?: number }>, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: options.cancellable }, async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort(options.abortReason?.()));
      try {
        return await task(progress, controller.signal);
      } finally {
        subscription.dispose();
      }
    }),
  );
}
