import { homedir } from 'node:os';
import * as vscode from 'vscode';

/** A file dialog as the extension asked for it (host tests read it to decide their answer). */
export type FileDialog = { kind: 'saveFile'; title: string; defaultPath: string } | { kind: 'folder'; title: string };

/** Answers a dialog with a path, or undefined for "dismissed". */
export type FileDialogAnswerer = (dialog: FileDialog) => string | undefined;

let answerer: FileDialogAnswerer | undefined;

/**
 * Lets host tests answer the save and folder dialogs. The system dialog (or VS Code's own file
 * picker in a browser) cannot be driven from the extension host the way a quick pick can, so while
 * an answerer is installed the dialog is not shown and its answer is the answerer's. Nothing in
 * the extension installs one.
 */
export function answerFileDialogs(answer: FileDialogAnswerer): vscode.Disposable {
  answerer = answer;
  return new vscode.Disposable(() => {
    if (answerer === answer) answerer = undefined;
  });
}

/**
 * The hook for the extension API, only while the extension runs its tests: in use, any installed
 * extension could answer our dialogs unseen (a save answered so never asks before replacing a file).
 */
export function fileDialogHookFor(mode: vscode.ExtensionMode): typeof answerFileDialogs | undefined {
  return mode === vscode.ExtensionMode.Test ? answerFileDialogs : undefined;
}

/** Where a suggested file name is proposed: the first workspace folder, else the home folder. */
function defaultFolder(): vscode.Uri {
  return vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
}

/** The save dialog (it asks before replacing an existing file); the chosen path or undefined. */
export async function showSaveFileDialog(title: string, suggestedName: string): Promise<string | undefined> {
  const defaultUri = vscode.Uri.joinPath(defaultFolder(), suggestedName);
  if (answerer) return answerer({ kind: 'saveFile', title, defaultPath: defaultUri.fsPath });
  const picked = await vscode.window.showSaveDialog({ title, defaultUri, saveLabel: vscode.l10n.t('Save') });
  return picked?.fsPath;
}

/** The folder dialog, starting in the workspace folder (else the home folder); the chosen folder or undefined. */
export async function showFolderDialog(title: string): Promise<string | undefined> {
  if (answerer) return answerer({ kind: 'folder', title });
  const picked = await vscode.window.showOpenDialog({
    title,
    defaultUri: defaultFolder(),
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: vscode.l10n.t('Save Here'),
  });
  return picked?.[0]?.fsPath;
}
