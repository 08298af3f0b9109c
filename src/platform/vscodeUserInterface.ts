import * as vscode from 'vscode';
import type { PickItem, UserInterface } from '../core/ui';

/** UserInterface port implemented with VS Code's window API. */
export const vscodeUserInterface: UserInterface = {
  askSecret: (prompt, validate) =>
    Promise.resolve(
      vscode.window.showInputBox({
        prompt,
        password: true,
        ignoreFocusOut: true,
        validateInput: validate,
      }),
    ),
  info: (message, ...actions) => Promise.resolve(vscode.window.showInformationMessage(message, ...actions)),
  warn: (message, ...actions) => Promise.resolve(vscode.window.showWarningMessage(message, ...actions)),
  error: (message, ...actions) => Promise.resolve(vscode.window.showErrorMessage(message, ...actions)),
  pick: async <T>(items: readonly PickItem<T>[], options?: { title?: string; placeholder?: string; matchOnDescription?: boolean }) => {
    const entries: (vscode.QuickPickItem & { value?: T })[] = [];
    for (const item of items) {
      if (item.group) entries.push({ label: item.group, kind: vscode.QuickPickItemKind.Separator });
      entries.push({ label: item.label, description: item.description, detail: item.detail, value: item.value });
    }
    const picked = await vscode.window.showQuickPick(entries, {
      title: options?.title,
      placeHolder: options?.placeholder,
      matchOnDescription: options?.matchOnDescription,
    });
    return picked?.value;
  },
  askText: (options) =>
    Promise.resolve(
      vscode.window.showInputBox({
        title: options.title,
        prompt: options.prompt,
        value: options.value,
        ignoreFocusOut: true,
        validateInput: options.validate,
      }),
    ),
  ask: (message, options, ...actions) => {
    const show = options.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    return Promise.resolve(show(message, { modal: options.modal, detail: options.detail }, ...actions));
  },
  withProgress: (title, task) =>
    Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, task)),
};
