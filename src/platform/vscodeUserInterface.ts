import * as vscode from 'vscode';
import type { UserInterface } from '../core/ui';

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
};
