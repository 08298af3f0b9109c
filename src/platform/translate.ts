import * as vscode from 'vscode';
import { useTranslate } from '../core/text/l10n';

/**
 * Core's l10n port gets VS Code's translator: core strings are then looked up in
 * l10n/bundle.l10n.json's translations for the display language, like the adapters' own
 * vscode.l10n.t calls. Returns a disposable that puts the English default back.
 */
export function installTranslator(): vscode.Disposable {
  const restore = useTranslate((message, ...args) => vscode.l10n.t(message, ...args));
  return new vscode.Disposable(restore);
}
